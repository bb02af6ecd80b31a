package io.github.frappemessenger.frappe.site;

import static io.github.frappemessenger.frappe.site.StandInJson.error;
import static io.github.frappemessenger.frappe.site.StandInJson.ok;

import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.rest.RetryPolicy;
import io.github.frappemessenger.internal.FrappeDates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
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
 * A tiny in-memory Frappe on a MockWebServer: {@code /api/resource/<DocType>} list (filters, order_by, limit_start,
 * limit_page_length, fields: {@link StandInList}), insert (names {@code CONV-n} for conversations, {@code DOC-n} otherwise, with
 * {@code creation} and {@code modified} stamps), get, put (which stamps {@code modified} and answers the whole doc, as
 * Frappe does), delete, and {@code frappe.client.get_count} (equality filters) — for any DocType, Messenger Message
 * included. {@link #site()} adds what Frappe does for its own meta (users, roles, permissions, DocTypes, Webhooks
 * that fire). Records every request as {@code "METHOD /decoded/path"}. Thread-safe: the documents are guarded by this
 * object's monitor.
 */
public final class FrappeStandIn extends Dispatcher implements AutoCloseable {
    static final String CONVERSATION = "Messenger Conversation";
    /** The API secret the stand-in's clients send; tests check that no log line holds it. */
    static final String API_SECRET = "s3cr3t-do-not-log-4f9a";
    private static final LocalDateTime EPOCH = LocalDateTime.of(2024, 1, 1, 0, 0);

    private record Failure(Predicate<RecordedRequest> when, int status) {
    }

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Map<String, Map<String, Object>>> docs = new LinkedHashMap<>();
    private final AtomicLong inserted = new AtomicLong();
    private final AtomicLong stamps = new AtomicLong();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();
    private volatile Duration insertDelay = Duration.ZERO;
    private volatile Duration updateDelay = Duration.ZERO;
    private volatile Duration hang = Duration.ZERO;
    private volatile Failure failure;
    private volatile Runnable beforeNextInsert;
    private volatile DocEventListener docEvents = (event, doc) -> { };
    private final StandInMeta meta = new StandInMeta(this);

    public FrappeStandIn() {
        server.setDispatcher(this);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        meta.startWorkers();
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

    /** Holds every request this long before answering it (a hung site); {@link Duration#ZERO} ends it. */
    public void hang(Duration d) {
        hang = d;
    }

    /** Answers {@code status} to every request that matches, until {@link #heal()}. */
    public void failWhen(Predicate<RecordedRequest> when, int status) {
        failure = new Failure(when, status);
    }

    public void heal() {
        failure = null;
    }

    /** Hears the doc events Frappe fires webhooks for, with the doc as saved (doctype included). */
    @FunctionalInterface
    public interface DocEventListener {
        void fired(String event, Map<String, Object> doc);
    }

    /**
     * After each write, as Frappe does once the transaction commits: {@code after_insert} then {@code on_update} for
     * an insert (REST or {@link #save}), {@code on_update} for a PUT or a save over an existing doc. A test's own
     * webhook sender, beside the site's Webhook docs ({@link #site()}).
     */
    public void onDocEvent(DocEventListener listener) {
        docEvents = listener;
    }

    /** Runs {@code hook} once, just before the next insert is stored. */
    void beforeNextInsert(Runnable hook) {
        beforeNextInsert = hook;
    }

    /** The site's users and roles, DocTypes and Webhooks: what {@code setup} and {@code doctor} talk to. */
    public StandInMeta site() {
        return meta;
    }

    public synchronized void seed(String doctype, Map<String, Object> doc) {
        docs.computeIfAbsent(doctype, k -> new LinkedHashMap<>()).put((String) doc.get("name"), new LinkedHashMap<>(doc));
    }

    /**
     * Writes a doc as Frappe itself would (not through the REST API, so not counted): stamped with {@code creation}
     * and {@code modified}. Returns the stored doc, as Frappe's webhook would render it.
     */
    public Map<String, Object> save(String doctype, Map<String, Object> doc) {
        Map<String, Object> saved;
        boolean existed;
        synchronized (this) {
            Map<String, Object> stored = new LinkedHashMap<>(doc);
            String stamp = nextStamp();
            stored.putIfAbsent("creation", stamp);
            stored.put("modified", stamp);
            stored.put("doctype", doctype);
            existed = table(doctype).put((String) stored.get("name"), stored) != null;
            saved = new LinkedHashMap<>(stored);
        }
        fire(doctype, saved, existed ? new String[] {"on_update"} : new String[] {"after_insert", "on_update"});
        return saved;
    }

    /** The site's Webhook docs and the test's listener hear each event, the doc as saved. */
    private void fire(String doctype, Map<String, Object> doc, String... events) {
        meta.fire(doctype, doc, events);
        for (String event : events) {
            docEvents.fired(event, new LinkedHashMap<>(doc));
        }
    }

    /** One stored doc, or null. */
    public synchronized Map<String, Object> doc(String doctype, String name) {
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
        pause(hang);
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
        if (path.size() == 3 && path.get(1).equals("method") && path.get(2).equals("frappe.auth.get_logged_user")) {
            return ok("message", meta.user());
        }
        if (path.size() == 3 && path.get(1).equals("method") && path.get(2).equals("frappe.client.get_count")) {
            return ok("message", list(url.queryParameter("doctype"), url, false).size());
        }
        if (path.size() == 3 && path.get(1).equals("method") && path.get(2).equals("frappe.client.get_list")) {
            return ok("message", list(url.queryParameter("doctype"), url, true));
        }
        if (path.size() < 3 || !path.get(1).equals("resource")) {
            return error(404, "DoesNotExistError", "no such path");
        }
        String doctype = path.get(2);
        String name = path.size() > 3 ? path.get(3) : null;
        try {
            meta.allow(request.getMethod(), doctype, name);
            return resource(request, url, doctype, name);
        } catch (StandInMeta.Refusal r) {
            return error(r.status, r.excType, r.getMessage());
        }
    }

    private MockResponse resource(RecordedRequest request, HttpUrl url, String doctype, String name)
            throws InterruptedException {
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
        return StandInJson.select(table(doctype).values(), url, page);
    }

    private Map<String, Object> insert(String doctype, Map<String, Object> doc) throws InterruptedException {
        pause(insertDelay); // outside the monitor, so that concurrent inserts overlap as on a real site
        Runnable hook = beforeNextInsert;
        beforeNextInsert = null;
        if (hook != null) {
            hook.run();
        }
        Map<String, Object> stored;
        synchronized (this) {
            doc.put("doctype", doctype);
            String given = meta.prepareInsert(doctype, doc);
            long n = inserted.incrementAndGet();
            String stamp = nextStamp();
            doc.put("name", given != null ? given : (doctype.equals(CONVERSATION) ? "CONV-" : "DOC-") + n);
            doc.put("creation", stamp);
            doc.put("modified", stamp);
            if (doctype.equals("Webhook")) {
                meta.webhooks.keepSecret((String) doc.get("name"), doc);
            }
            table(doctype).put((String) doc.get("name"), doc);
            stored = new LinkedHashMap<>(doc);
        }
        fire(doctype, stored, "after_insert", "on_update");
        return stored;
    }

    private synchronized Map<String, Object> get(String doctype, String name) {
        return meta.withDefaults(doctype, name, table(doctype).get(name));
    }

    private Map<String, Object> update(String doctype, String name, Map<String, Object> changes) {
        Map<String, Object> saved;
        synchronized (this) {
            Map<String, Object> doc = table(doctype).get(name);
            if (doc == null && doctype.equals(name) && meta.single(doctype) != null) {
                doc = meta.single(doctype); // the first save of a Single
                table(doctype).put(name, doc);
            }
            if (doc == null) {
                return null;
            }
            doc.putAll(changes);
            doc.put("modified", nextStamp());
            saved = new LinkedHashMap<>(doc);
        }
        fire(doctype, saved, "on_update");
        return saved;
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
        return StandInJson.doc(request.getBody() == null ? null : request.getBody().utf8());
    }

    private MockResponse found(String doctype, String name, Object data) {
        return data == null ? error(404, "DoesNotExistError", doctype + " " + name + " not found") : ok("data", data);
    }

    private static void pause(Duration d) throws InterruptedException {
        if (!d.isZero()) {
            Thread.sleep(d.toMillis());
        }
    }

    @Override
    public void close() {
        meta.webhooks.close();
        server.close();
    }
}
