package io.github.frappemessenger.load;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A Frappe site in memory, served over real HTTP by MockWebServer, answering exactly what the webhook bridge calls
 * (docs/frappe-ports.md): Messenger Conversation list with filters, insert, get and put; Messenger Message put;
 * {@code frappe.client.get_count}; Messenger Settings get (404: no settings doc, i.e. enabled). Anything else is
 * answered 404 and counted as "unsupported". Every request is counted by route, which gives the REST round trips per
 * message. Thread-safe.
 */
final class InMemoryFrappe extends Dispatcher implements AutoCloseable {
    static final String CONVERSATION = "Messenger Conversation";
    static final String MESSAGE = "Messenger Message";
    static final String SETTINGS = "Messenger Settings";
    private static final TypeReference<Map<String, Object>> DOC = new TypeReference<>() { };
    private static final TypeReference<List<List<Object>>> FILTERS = new TypeReference<>() { };
    private static final TypeReference<List<String>> FIELDS = new TypeReference<>() { };

    private final ObjectMapper json = new ObjectMapper();
    private final MockWebServer server = new MockWebServer();
    // Kept in a field: java.util.logging holds loggers weakly, and a collected logger forgets its level.
    private final Logger serverLog = Logger.getLogger(MockWebServer.class.getName());
    private final FrappeTables tables = new FrappeTables();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    InMemoryFrappe() {
        serverLog.setLevel(Level.WARNING); // MockWebServer logs every request at INFO
        server.setServerSocketFactory(new NoDelayServerSockets());
        server.setDispatcher(this);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Frappe stand-in", e);
        }
    }

    String url() {
        return server.url("/").toString();
    }

    /** Frappe's own write of a message before it fires the webhooks: not a call of the bridge, not counted. */
    void saveMessage(Map<String, Object> doc) {
        tables.saveMessage(doc);
    }

    int conversationCount() {
        return tables.conversationCount();
    }

    /** Requests answered so far. */
    long requests() {
        return calls.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Requests so far by route, e.g. {@code "GET Messenger Conversation/<name>" -> 12}. */
    Map<String, Long> requestsByRoute() {
        Map<String, Long> m = new TreeMap<>();
        calls.forEach((route, n) -> m.put(route, n.sum()));
        return m;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        // MockWebServer also queues every request for takeRequest(), which nothing here calls: keep the queue short.
        server.takeRequest(0, TimeUnit.NANOSECONDS);
        HttpUrl url = request.getUrl();
        List<String> path = url.pathSegments();
        String method = request.getMethod();
        if (path.size() == 3 && path.get(1).equals("method") && path.get(2).equals("frappe.client.get_count")
                && MESSAGE.equals(url.queryParameter("doctype"))) {
            count("GET frappe.client.get_count");
            return ok("message", tables.countMessages(read(url.queryParameter("filters"), FILTERS, List.of())));
        }
        if (path.size() < 3 || path.size() > 4 || !path.get(0).equals("api") || !path.get(1).equals("resource")) {
            return unsupported(method, url);
        }
        String doctype = path.get(2);
        String name = path.size() == 4 ? path.get(3) : null;
        String route = method + " " + doctype + (name == null ? "" : "/<name>");
        Optional<MockResponse> answer = switch (route) {
            case "GET " + CONVERSATION -> Optional.of(ok("data", list(url)));
            case "POST " + CONVERSATION -> Optional.of(ok("data", tables.insertConversation(body(request))));
            case "GET " + CONVERSATION + "/<name>" -> Optional.of(found(tables.conversation(name), doctype, name));
            case "PUT " + CONVERSATION + "/<name>" ->
                    Optional.of(found(tables.updateConversation(name, body(request)), doctype, name));
            case "PUT " + MESSAGE + "/<name>" ->
                    Optional.of(found(tables.updateMessage(name, body(request)), doctype, name));
            case "GET " + SETTINGS + "/<name>" -> Optional.of(found(Optional.empty(), doctype, name));
            default -> Optional.empty();
        };
        if (answer.isEmpty()) {
            return unsupported(method, url);
        }
        count(route);
        return answer.get();
    }

    private List<Map<String, Object>> list(HttpUrl url) {
        String order = Optional.ofNullable(url.queryParameter("order_by")).orElse("creation asc").split(" ")[0];
        String limit = url.queryParameter("limit_page_length");
        return tables.listConversations(read(url.queryParameter("filters"), FILTERS, List.of()),
                read(url.queryParameter("fields"), FIELDS, List.of("name")), order,
                limit == null ? 20 : Integer.parseInt(limit));
    }

    private void count(String route) {
        calls.computeIfAbsent(route, r -> new LongAdder()).increment();
    }

    private MockResponse unsupported(String method, HttpUrl url) {
        count("unsupported " + method + " /" + String.join("/", url.pathSegments()));
        return error(404, "DoesNotExistError", "the load stand-in does not serve " + method + " " + url.encodedPath());
    }

    private Map<String, Object> body(RecordedRequest request) {
        return read(request.getBody() == null ? null : request.getBody().utf8(), DOC, new LinkedHashMap<>());
    }

    private <T> T read(String text, TypeReference<T> type, T absent) {
        try {
            return text == null ? absent : json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MockResponse found(Optional<Map<String, Object>> doc, String doctype, String name) {
        return doc.map(d -> ok("data", d))
                .orElseGet(() -> error(404, "DoesNotExistError", doctype + " " + name + " not found"));
    }

    private MockResponse ok(String key, Object value) {
        try {
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .body(json.writeValueAsString(Map.of(key, value))).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MockResponse error(int status, String excType, String text) {
        String body = "{\"exc_type\": \"" + excType + "\", \"exception\": \"frappe.exceptions." + excType + ": "
                + text.replace("\"", "'") + "\"}";
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
