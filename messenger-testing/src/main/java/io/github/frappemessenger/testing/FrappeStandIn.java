package io.github.frappemessenger.testing;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Frappe site's REST API over real HTTP on loopback, behaving as Frappe does for what a Messenger bridge or app
 * calls, as OkHttp's MockWebServer does for HTTP: {@code /api/resource/<DocType>} list (filters, order_by,
 * limit_start, limit_page_length, fields), insert, get, put, delete; {@code frappe.client.get_list},
 * {@code get_count}, {@code bulk_update}; {@code ping}; the single Messenger Settings (enabled). Answers carry
 * Frappe's envelopes ({@code data}, {@code message}) and error bodies ({@code exc_type}, {@code exception},
 * {@code _server_messages}) with Frappe's statuses: 404 DoesNotExistError, 409 DuplicateEntryError, 417
 * TimestampMismatchError (a save whose {@code modified} is not the stored one), 403 PermissionError
 * ({@link #deny}), 401 AuthenticationError ({@link #requireToken}). Every save moves {@code modified}.
 *
 * <p>Each write fires Frappe's doc events to the {@link #onDocEvent listeners}: {@code after_insert} then
 * {@code on_update} for an insert, {@code on_update} for a save — through the REST API or the site's own
 * {@link #insert}/{@link #update}. {@link FrappeWebhooks} turns them into webhook deliveries.
 *
 * <p>Nothing listens until {@link #start()}. Thread-safe. See docs/testing.md.
 */
public final class FrappeStandIn implements AutoCloseable {
    public static final String MESSAGE = "Messenger Message";
    public static final String CONVERSATION = "Messenger Conversation";
    public static final String SETTINGS = "Messenger Settings";
    public static final String ERROR_LOG = "Error Log";

    /** Hears a doc event as Frappe fires it after the write, with the doc as saved (doctype included). */
    @FunctionalInterface
    public interface DocEventListener {
        void fired(String docEvent, Map<String, Object> doc);
    }

    private final StandInDocs docs = new StandInDocs();
    private final StandInServer server = new StandInServer(this::answer);
    private final StandInRoutes routes = new StandInRoutes(this, docs);
    private final List<DocEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> writes = new ConcurrentHashMap<>();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final List<String> misdirected = new CopyOnWriteArrayList<>();
    private volatile String token;
    private volatile long hangUntil = System.nanoTime(); // nanoTime has no fixed origin: never compare with 0

    /** A site with an enabled Messenger Settings and no other doc; call {@link #start()} to listen. */
    public FrappeStandIn() {
        docs.insert(SETTINGS, Map.of("name", SETTINGS, "enabled", 1), SETTINGS);
    }

    /** Listens on 127.0.0.1, on a free port. */
    public synchronized FrappeStandIn start() {
        if (!server.started()) {
            server.start();
        }
        return this;
    }

    /** The site's base URL, {@code http://127.0.0.1:<port>/}. */
    public URI url() {
        if (!server.started()) {
            throw new IllegalStateException("the Frappe stand-in is not started: call start() first");
        }
        return server.url();
    }

    /** Adds a listener of the doc events fired from now on. */
    public void onDocEvent(DocEventListener listener) {
        listeners.add(listener);
    }

    /** A new doc written by the site itself (an incoming message saved by the CRM): after_insert, then on_update. */
    public Map<String, Object> insert(String doctype, Map<String, Object> doc) {
        Map<String, Object> stored = docs.insert(doctype, doc, namePrefix(doctype));
        fire(doctype, stored, "after_insert", "on_update");
        return stored;
    }

    /** A save of an existing doc by the site itself (an agent reads a message in the desk): on_update. */
    public Optional<Map<String, Object>> update(String doctype, String name, Map<String, Object> changes) {
        Optional<Map<String, Object>> saved = docs.update(doctype, name, changes);
        saved.ifPresent(d -> fire(doctype, d, "on_update"));
        return saved;
    }

    /** A copy of one stored doc. */
    public Optional<Map<String, Object>> doc(String doctype, String name) {
        return docs.get(doctype, name);
    }

    /** Copies of all docs of {@code doctype}, in insertion order. */
    public List<Map<String, Object>> docs(String doctype) {
        return docs.all(doctype);
    }

    /** Removes a doc without firing anything (the site deleted it). */
    public boolean delete(String doctype, String name) {
        return docs.delete(doctype, name);
    }

    /** From now on every request on {@code doctype} is answered 403 PermissionError, as for a user without the role. */
    public void deny(String doctype) {
        denied.add(doctype);
    }

    /** From now on a request without {@code Authorization: token <key>:<secret>} is answered 401. */
    public void requireToken(String apiKey, String apiSecret) {
        token = "token " + apiKey + ":" + apiSecret;
    }

    /** From now on, for {@code duration}, every request waits until the hang is over (a hung site). */
    public void hangFor(Duration duration) {
        hangUntil = System.nanoTime() + duration.toNanos();
    }

    /** Counts the REST writes (insert, put, bulk_update) that set {@code field} of {@code doctype}, by doc name. */
    public void countWrites(String doctype, String field) {
        writes.putIfAbsent(doctype + "\u0000" + field, new ConcurrentHashMap<>());
    }

    /** The counts {@link #countWrites} asked for, by doc name; empty if not asked. */
    public Map<String, Long> writes(String doctype, String field) {
        Map<String, Long> m = new TreeMap<>();
        writes.getOrDefault(doctype + "\u0000" + field, Map.of()).forEach((name, n) -> m.put(name, n.sum()));
        return m;
    }

    /** Requests so far by route, e.g. {@code "GET Messenger Conversation/<name>"}, {@code "GET frappe.client.get_count"}. */
    public Map<String, Long> requestsByRoute() {
        Map<String, Long> m = new TreeMap<>();
        calls.forEach((route, n) -> m.put(route, n.sum()));
        return m;
    }

    /** Requests answered so far. */
    public long requestCount() {
        return calls.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Requests no route took, {@code "METHOD /encoded/path"} (a doc name not encoded as one path segment). */
    public List<String> misdirected() {
        return List.copyOf(misdirected);
    }

    private Answer answer(StandInRequest request) {
        long wait;
        while ((wait = hangUntil - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(20))); // a hang may end early
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Answer.error(503, "InterruptedError", "the stand-in is closing");
            }
        }
        String required = token;
        if (required != null && !required.equals(request.authorization())) {
            count("unauthenticated");
            return Answer.error(401, "AuthenticationError", "Invalid token");
        }
        try {
            Answer answer = routes.route(request);
            if (answer != null) {
                return answer;
            }
        } catch (IllegalArgumentException e) {
            return Answer.error(417, "ValidationError", e.getMessage());
        }
        misdirected.add(request.method() + " " + request.encodedPath());
        count("misdirected");
        return Answer.error(404, "DoesNotExistError", "Page not found: " + request.method() + " "
                + request.encodedPath());
    }

    boolean denied(String doctype) {
        return denied.contains(doctype);
    }

    void count(String route) {
        calls.computeIfAbsent(route, r -> new LongAdder()).increment();
    }

    void wrote(String doctype, String name, Map<String, Object> fields) {
        for (String field : fields.keySet()) {
            Map<String, LongAdder> byName = writes.get(doctype + "\u0000" + field);
            if (byName != null) {
                byName.computeIfAbsent(name, k -> new LongAdder()).increment();
            }
        }
    }

    void fire(String doctype, Map<String, Object> doc, String... events) {
        for (String event : events) {
            for (DocEventListener l : listeners) {
                l.fired(event, new LinkedHashMap<>(doc));
            }
        }
    }

    static String namePrefix(String doctype) {
        return switch (doctype) {
            case MESSAGE -> "MSG";
            case CONVERSATION -> "CONV";
            case ERROR_LOG -> "ERR";
            default -> "DOC";
        };
    }

    /** Ends a hang and stops listening. */
    @Override
    public void close() {
        hangUntil = System.nanoTime();
        if (server.started()) {
            server.stop();
        }
    }

    static List<Object> list(Object value) {
        return value instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }
}
