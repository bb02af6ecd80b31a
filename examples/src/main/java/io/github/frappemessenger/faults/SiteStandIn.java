package io.github.frappemessenger.faults;

import io.github.frappemessenger.load.NoDelayServerSockets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * A Frappe site's REST API over real HTTP on loopback, behaving as Frappe does for what a bridge may call:
 * {@code /api/resource/<DocType>} list, insert, get, put, delete; {@code frappe.client.get_list}, {@code get_count},
 * {@code bulk_update}; {@code ping}; the single Messenger Settings (enabled). Answers carry Frappe's envelopes
 * ({@code data}, {@code message}) and its error bodies ({@code exc_type}, {@code exception},
 * {@code _server_messages}); every save moves {@code modified}. A save of a Messenger Message fires its webhooks
 * through {@link Saves} — a PUT by the bridge too, as Frappe fires on_update after any save.
 *
 * <p>It can hang ({@link #hangFor}): every request that arrives meanwhile waits until the hang ends. Requests it
 * cannot route are answered 404 and kept as "misdirected" (e.g. {@code PUT /api/resource/} for a doc named
 * {@code ..}). Thread-safe.
 */
final class SiteStandIn extends Dispatcher implements AutoCloseable {
    static final String MESSAGE = "Messenger Message";
    static final String CONVERSATION = "Messenger Conversation";
    static final String SETTINGS = "Messenger Settings";
    static final String ERROR_LOG = "Error Log";

    /** Where the webhooks of a save go: Frappe enqueues one job per Webhook of the doc event. */
    interface Saves {
        void saved(String docEvent, Map<String, Object> doc);
    }

    private final MockWebServer server = new MockWebServer();
    private final Logger serverLog = Logger.getLogger(MockWebServer.class.getName()); // held: JUL forgets levels
    private final SiteDocs docs = new SiteDocs();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> linkPuts = new ConcurrentHashMap<>();
    private final List<String> misdirected = new CopyOnWriteArrayList<>();
    private volatile Saves saves = (event, doc) -> { };
    private volatile long hangUntil = System.nanoTime(); // nanoTime has no fixed origin: never compare with 0

    SiteStandIn() {
        serverLog.setLevel(Level.WARNING);
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

    void onSave(Saves listener) {
        this.saves = listener;
    }

    SiteDocs docs() {
        return docs;
    }

    /** From now on, for {@code millis}, every request waits until the hang is over. */
    void hangFor(long millis) {
        hangUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** A new Messenger Message written by the site itself (an incoming message): after_insert, then on_update. */
    Map<String, Object> insertMessage(Map<String, Object> doc) {
        Map<String, Object> stored = docs.insert(MESSAGE, doc, "MSG");
        saves.saved("after_insert", stored);
        saves.saved("on_update", stored);
        return stored;
    }

    /** A save in the desk (an agent reads a message): on_update. */
    Optional<Map<String, Object>> updateMessage(String name, Map<String, Object> changes) {
        Optional<Map<String, Object>> saved = docs.update(MESSAGE, name, changes);
        saved.ifPresent(d -> saves.saved("on_update", d));
        return saved;
    }

    Map<String, Long> requestsByRoute() {
        Map<String, Long> m = new TreeMap<>();
        calls.forEach((route, n) -> m.put(route, n.sum()));
        return m;
    }

    /** PUTs of a Messenger Message's {@code conversation} by message name. */
    Map<String, Long> linkPuts() {
        Map<String, Long> m = new TreeMap<>();
        linkPuts.forEach((name, n) -> m.put(name, n.sum()));
        return m;
    }

    List<String> misdirected() {
        return List.copyOf(misdirected);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        server.takeRequest(0, TimeUnit.NANOSECONDS); // nothing reads MockWebServer's queue: keep it empty
        long wait;
        while ((wait = hangUntil - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        HttpUrl url = request.getUrl();
        List<String> path = url.pathSegments();
        String method = request.getMethod();
        try {
            if (path.size() == 3 && path.get(0).equals("api") && path.get(1).equals("method")) {
                return method(method, path.get(2), RequestParts.params(request));
            }
            if (path.size() >= 3 && path.size() <= 4 && path.get(0).equals("api") && path.get(1).equals("resource")
                    && !path.get(2).isEmpty() && (path.size() == 3 || !path.get(3).isEmpty())) {
                return resource(method, path.get(2), path.size() == 4 ? path.get(3) : null, request);
            }
        } catch (IllegalArgumentException e) {
            return FrappeAnswers.error(417, "ValidationError", e.getMessage());
        }
        return misdirected(method + " " + url.encodedPath(), 404, "Page not found");
    }

    /** A request no doc route takes: what a doc name that is not encoded as one path segment ends up as. */
    private MockResponse misdirected(String where, int status, String text) {
        misdirected.add(where);
        count("misdirected");
        return FrappeAnswers.error(status, status == 404 ? "DoesNotExistError" : "PermissionError",
                text + ": " + where);
    }

    private MockResponse method(String http, String dotted, Map<String, Object> p) {
        count(http + " " + dotted);
        switch (dotted) {
            case "ping":
                return FrappeAnswers.message("pong");
            case "frappe.client.get_count":
                return FrappeAnswers.message(docs.select(RequestParts.text(p.get("doctype")),
                        DocQuery.filters(RequestParts.json(p.get("filters")))).size());
            case "frappe.client.get_list":
                return FrappeAnswers.message(list(RequestParts.text(p.get("doctype")), p));
            case "frappe.client.bulk_update":
                return bulkUpdate(RequestParts.json(p.get("docs")));
            default:
                return FrappeAnswers.error(404, "DoesNotExistError", "Failed to get method for command " + dotted);
        }
    }

    private MockResponse resource(String http, String doctype, String name, RecordedRequest request) {
        count(http + " " + doctype + (name == null ? "" : "/<name>"));
        if (name == null) {
            return switch (http) {
                case "GET" -> FrappeAnswers.data(list(doctype, RequestParts.params(request)));
                case "POST" -> FrappeAnswers.data(insert(doctype, RequestParts.body(request)));
                default -> misdirected(http + " " + request.getUrl().encodedPath(), 405, "Method Not Allowed");
            };
        }
        if (doctype.equals(SETTINGS) && name.equals(SETTINGS) && http.equals("GET")) {
            Map<String, Object> single = new LinkedHashMap<>(Map.of("name", SETTINGS, "doctype", SETTINGS,
                    "enabled", 1, "docstatus", 0, "modified", "2026-01-01 00:00:00"));
            return FrappeAnswers.data(single);
        }
        return switch (http) {
            case "GET" -> found(docs.get(doctype, name), doctype, name);
            case "PUT" -> put(doctype, name, RequestParts.body(request));
            case "DELETE" -> docs.delete(doctype, name) ? FrappeAnswers.message("ok")
                    : FrappeAnswers.notFound(doctype, name);
            default -> FrappeAnswers.error(405, "PermissionError", "Not permitted");
        };
    }

    private Map<String, Object> insert(String doctype, Map<String, Object> doc) {
        if (doctype.equals(MESSAGE)) {
            return insertMessage(doc);
        }
        return docs.insert(doctype, doc, doctype.equals(CONVERSATION) ? "CONV" : "ERR");
    }

    private MockResponse put(String doctype, String name, Map<String, Object> changes) {
        Optional<Map<String, Object>> current = docs.get(doctype, name);
        if (current.isEmpty()) {
            return FrappeAnswers.notFound(doctype, name);
        }
        Object modified = changes.get("modified");
        if (modified != null && !modified.equals(current.get().get("modified"))) {
            return FrappeAnswers.error(417, "TimestampMismatchError",
                    "Document has been modified after you have opened it. Please refresh to get the latest document.");
        }
        if (doctype.equals(MESSAGE) && changes.containsKey("conversation")) {
            linkPuts.computeIfAbsent(name, k -> new LongAdder()).increment();
        }
        Optional<Map<String, Object>> saved = doctype.equals(MESSAGE) ? updateMessage(name, changes)
                : docs.update(doctype, name, changes);
        return found(saved, doctype, name);
    }

    @SuppressWarnings("unchecked")
    private MockResponse bulkUpdate(Object list) {
        List<Object> failed = new ArrayList<>();
        for (Object item : list instanceof List<?> l ? l : List.of()) {
            Map<String, Object> doc = new LinkedHashMap<>((Map<String, Object>) item);
            String doctype = RequestParts.text(doc.remove("doctype"));
            String name = RequestParts.text(doc.remove("docname"));
            MockResponse one = put(doctype, name, doc);
            if (one.getCode() != 200) {
                failed.add(Map.of("doc", item, "exc", "DoesNotExistError"));
            }
        }
        return FrappeAnswers.message(Map.of("failed_docs", failed));
    }

    private List<Map<String, Object>> list(String doctype, Map<String, Object> p) {
        Object fields = RequestParts.json(p.get("fields"));
        String start = RequestParts.text(p.getOrDefault("limit_start", "0"));
        String pageLength = RequestParts.text(p.getOrDefault("limit_page_length", p.getOrDefault("limit", "20")));
        DocQuery query = new DocQuery(DocQuery.filters(RequestParts.json(p.get("filters"))),
                fields instanceof List<?> f ? f.stream().map(Object::toString).toList() : List.of(),
                RequestParts.text(p.get("order_by")), RequestParts.text(p.get("group_by")),
                Integer.parseInt(start.isEmpty() ? "0" : start), Integer.parseInt(pageLength.isEmpty() ? "20" : pageLength));
        return query.apply(docs.all(doctype));
    }

    private MockResponse found(Optional<Map<String, Object>> doc, String doctype, String name) {
        return doc.map(FrappeAnswers::data).orElseGet(() -> FrappeAnswers.notFound(doctype, name));
    }

    private void count(String route) {
        calls.computeIfAbsent(route, r -> new LongAdder()).increment();
    }

    @Override
    public void close() {
        hangUntil = System.nanoTime();
        server.close();
    }
}
