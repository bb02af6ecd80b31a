package io.github.frappemessenger.frappe.site;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.rest.RetryPolicy;
import io.github.frappemessenger.model.FrappeDates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A tiny in-memory Frappe on a MockWebServer: {@code /api/resource/<DocType>} list (equality filters, order_by,
 * limit_page_length, fields), insert (names {@code CONV-n} for conversations, {@code DOC-n} otherwise, with
 * {@code creation} and {@code modified} stamps), get, put (which stamps {@code modified} and answers the whole doc, as
 * Frappe does), delete, and {@code frappe.client.get_count} (equality filters) — for any DocType, Messenger Message
 * included. Records every request as {@code "METHOD /decoded/path"}. Thread-safe: the documents are guarded by this
 * object's monitor.
 */
public final class FrappeStandIn extends Dispatcher implements AutoCloseable {
    static final String CONVERSATION = "Messenger Conversation";
    /** The API secret the stand-in's clients send; tests check that no log line holds it. */
    static final String API_SECRET = "s3cr3t-do-not-log-4f9a";
    private static final TypeReference<LinkedHashMap<String, Object>> DOC = new TypeReference<>() { };
    private static final TypeReference<List<List<Object>>> FILTERS = new TypeReference<>() { };
    private static final LocalDateTime EPOCH = LocalDateTime.of(2024, 1, 1, 0, 0);

    private record Failure(Predicate<RecordedRequest> when, int status) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final MockWebServer server = new MockWebServer();
    private final Map<String, Map<String, Map<String, Object>>> docs = new LinkedHashMap<>();
    private final AtomicLong inserted = new AtomicLong();
    private final AtomicLong stamps = new AtomicLong();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();
    private volatile Duration insertDelay = Duration.ZERO;
    private volatile Duration updateDelay = Duration.ZERO;
    private volatile Failure failure;
    private volatile Runnable beforeNextInsert;

    public FrappeStandIn() {
        server.setDispatcher(this);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh, independent client (its own connection pool), retrying fast. */
    public FrappeClient client() {
        return FrappeClient.builder().baseUrl(server.url("/")).apiKey("key").apiSecret(API_SECRET)
                .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(2)))
                .build();
    }

    void insertDelay(Duration d) {
        insertDelay = d;
    }

    void updateDelay(Duration d) {
        updateDelay = d;
    }

    /** Answers {@code status} to every request that matches, until {@link #heal()}. */
    public void failWhen(Predicate<RecordedRequest> when, int status) {
        failure = new Failure(when, status);
    }

    public void heal() {
        failure = null;
    }

    /** Runs {@code hook} once, just before the next insert is stored. */
    void beforeNextInsert(Runnable hook) {
        beforeNextInsert = hook;
    }

    public synchronized void seed(String doctype, Map<String, Object> doc) {
        docs.computeIfAbsent(doctype, k -> new LinkedHashMap<>()).put((String) doc.get("name"), new LinkedHashMap<>(doc));
    }

    /**
     * Writes a doc as Frappe itself would (not through the REST API, so not counted): stamped with {@code creation}
     * and {@code modified}. Returns the stored doc, as Frappe's webhook would render it.
     */
    synchronized Map<String, Object> save(String doctype, Map<String, Object> doc) {
        Map<String, Object> stored = new LinkedHashMap<>(doc);
        String stamp = nextStamp();
        stored.putIfAbsent("creation", stamp);
        stored.put("modified", stamp);
        stored.put("doctype", doctype);
        table(doctype).put((String) stored.get("name"), stored);
        return new LinkedHashMap<>(stored);
    }

    /** One stored doc, or null. */
    synchronized Map<String, Object> doc(String doctype, String name) {
        Map<String, Object> doc = table(doctype).get(name);
        return doc == null ? null : new LinkedHashMap<>(doc);
    }

    synchronized void remove(String doctype, String name) {
        table(doctype).remove(name);
    }

    public synchronized List<Map<String, Object>> all(String doctype) {
        return new ArrayList<>(table(doctype).values());
    }

    /** The requests so far, each as {@code "METHOD /decoded/path"}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The last request as received (encoded target, headers, body). */
    RecordedRequest last() {
        return recorded.get(recorded.size() - 1);
    }

    public int requestCount() {
        return requests.size();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        HttpUrl url = request.getUrl();
        List<String> path = url.pathSegments();
        requests.add(request.getMethod() + " /" + String.join("/", path));
        recorded.add(request);
        Failure f = failure;
        if (f != null && f.when().test(request)) {
            return error(f.status(), "InternalServerError", "stand-in told to fail");
        }
        if (path.size() == 3 && path.get(1).equals("method") && path.get(2).equals("ping")) {
            return ok("message", "pong");
        }
        if (path.size() == 3 && path.get(1).equals("method") && path.get(2).equals("frappe.client.get_count")) {
            return ok("message", list(url.queryParameter("doctype"), url, false).size());
        }
        if (path.size() < 3 || !path.get(1).equals("resource")) {
            return error(404, "DoesNotExistError", "no such path");
        }
        String doctype = path.get(2);
        String name = path.size() > 3 ? path.get(3) : null;
        switch (request.getMethod()) {
            case "GET":
                return name == null ? ok("data", list(doctype, url, true)) : found(doctype, name, get(doctype, name));
            case "POST":
                return ok("data", insert(doctype, body(request)));
            case "PUT":
                pause(updateDelay);
                return found(doctype, name, update(doctype, name, body(request)));
            case "DELETE":
                return found(doctype, name, delete(doctype, name) == null ? null : "ok");
            default:
                return error(405, "ValidationError", "method not allowed");
        }
    }

    private synchronized List<Map<String, Object>> list(String doctype, HttpUrl url, boolean page) {
        List<List<Object>> filters = read(url.queryParameter("filters"), FILTERS, List.of());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> doc : table(doctype).values()) {
            if (filters.stream().allMatch(f -> "=".equals(f.get(1))
                    && String.valueOf(doc.get((String) f.get(0))).equals(String.valueOf(f.get(2))))) {
                rows.add(doc);
            }
        }
        String order = url.queryParameter("order_by") == null ? "modified desc" : url.queryParameter("order_by");
        String[] by = order.split(" ");
        Comparator<Map<String, Object>> cmp = Comparator.comparing(d -> String.valueOf(d.get(by[0])));
        rows.sort(by.length > 1 && by[1].equalsIgnoreCase("desc") ? cmp.reversed() : cmp);
        String limit = url.queryParameter("limit_page_length");
        int n = limit == null ? 20 : Integer.parseInt(limit);
        List<Map<String, Object>> pageRows = page && n > 0 && rows.size() > n ? rows.subList(0, n) : rows;
        List<String> fields = read(url.queryParameter("fields"), new TypeReference<List<String>>() { }, List.of("name"));
        List<Map<String, Object>> projected = new ArrayList<>();
        for (Map<String, Object> row : pageRows) {
            Map<String, Object> p = new LinkedHashMap<>();
            fields.forEach(field -> p.put(field, row.get(field)));
            projected.add(p);
        }
        return projected;
    }

    private Map<String, Object> insert(String doctype, Map<String, Object> doc) throws InterruptedException {
        pause(insertDelay); // outside the monitor, so that concurrent inserts overlap as on a real site
        Runnable hook = beforeNextInsert;
        beforeNextInsert = null;
        if (hook != null) {
            hook.run();
        }
        synchronized (this) {
            long n = inserted.incrementAndGet();
            String stamp = nextStamp();
            doc.put("name", (doctype.equals(CONVERSATION) ? "CONV-" : "DOC-") + n);
            doc.put("creation", stamp);
            doc.put("modified", stamp);
            table(doctype).put((String) doc.get("name"), doc);
            return new LinkedHashMap<>(doc);
        }
    }

    private synchronized Map<String, Object> get(String doctype, String name) {
        Map<String, Object> doc = table(doctype).get(name);
        return doc == null ? null : new LinkedHashMap<>(doc);
    }

    private synchronized Map<String, Object> update(String doctype, String name, Map<String, Object> changes) {
        Map<String, Object> doc = table(doctype).get(name);
        if (doc == null) {
            return null;
        }
        doc.putAll(changes);
        doc.put("modified", nextStamp());
        return new LinkedHashMap<>(doc);
    }

    private synchronized Object delete(String doctype, String name) {
        return table(doctype).remove(name);
    }

    /** A strictly increasing Frappe time stamp (one microsecond per write). Called under the monitor. */
    private String nextStamp() {
        return FrappeDates.format(EPOCH.plusNanos(stamps.incrementAndGet() * 1000));
    }

    private Map<String, Map<String, Object>> table(String doctype) {
        return docs.computeIfAbsent(doctype, k -> new LinkedHashMap<>());
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

    private MockResponse found(String doctype, String name, Object data) {
        return data == null ? error(404, "DoesNotExistError", doctype + " " + name + " not found") : ok("data", data);
    }

    private MockResponse ok(String key, Object value) {
        try {
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .body(json.writeValueAsString(Map.of(key, value))).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MockResponse error(int status, String excType, String text) {
        String body = "{\"exc_type\": \"" + excType + "\", \"exception\": \"frappe.exceptions." + excType + ": " + text
                + "\"}";
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static void pause(Duration d) throws InterruptedException {
        if (!d.isZero()) {
            Thread.sleep(d.toMillis());
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
