package io.github.frappemessenger.testing;

import io.github.frappemessenger.Subscription;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

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
 * {@link #insert}/{@link #update}/{@link #save}. {@link FrappeWebhooks} turns them into webhook deliveries.
 * {@link #addInterceptor Interceptors} add what a test's site has beyond this.
 *
 * <p>Nothing listens until {@link #start()}. Thread-safe. See docs/testing.md.
 */
public final class FrappeStandIn implements AutoCloseable {
    public static final String MESSAGE = "Messenger Message";
    public static final String CONVERSATION = "Messenger Conversation";
    public static final String SETTINGS = "Messenger Settings";
    public static final String ERROR_LOG = "Error Log";

    private record Failure(Predicate<StandInRequest> when, int status) {
    }

    /** Hears a doc event as Frappe fires it after the write, with the doc as saved (doctype included). */
    @FunctionalInterface
    public interface DocEventListener {
        void fired(String docEvent, Map<String, Object> doc);
    }

    private final StandInDocs docs = new StandInDocs();
    private final StandInLog log = new StandInLog();
    private final StandInServer server = new StandInServer(this::receive);
    private final StandInRoutes routes = new StandInRoutes(this, docs, log);
    private final List<DocEventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Interceptor> interceptors = new CopyOnWriteArrayList<>();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private volatile String token;
    private volatile Failure failure;
    private volatile long hangUntil = System.nanoTime(); // nanoTime has no fixed origin: never compare with 0

    /** A site with an enabled Messenger Settings and no other doc; call {@link #start()} to listen. */
    public FrappeStandIn() {
        docs.seed(SETTINGS, Map.of("name", SETTINGS, "doctype", SETTINGS, "enabled", 1, "docstatus", 0));
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

    /** Adds a listener of the doc events fired from now on, until the returned subscription is closed. */
    public Subscription onDocEvent(DocEventListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.getAndSet(false)) {
                listeners.remove(listener);
            }
        };
    }

    /** Adds an interceptor; the first added sees each request first. */
    public void addInterceptor(Interceptor interceptor) {
        interceptors.add(interceptor);
    }

    /** Stamps from now on start at {@code start} and move one microsecond per save: the same run, the same stamps. */
    public void stampsFrom(LocalDateTime start) {
        docs.stampsFrom(start);
    }

    /** A new doc written by the site itself (an incoming message saved by the CRM): after_insert, then on_update. */
    public Map<String, Object> insert(String doctype, Map<String, Object> doc) {
        Map<String, Object> stored = docs.insert(doctype, doc, namePrefix(doctype));
        fire(stored, "after_insert", "on_update");
        return stored;
    }

    /** A save of an existing doc by the site itself (an agent reads a message in the desk): on_update. */
    public Optional<Map<String, Object>> update(String doctype, String name, Map<String, Object> changes) {
        Optional<Map<String, Object>> saved = docs.update(doctype, name, changes);
        saved.ifPresent(d -> fire(d, "on_update"));
        return saved;
    }

    /** The site's own save of a whole doc: an update when one of that name exists, else an insert. */
    public Map<String, Object> save(String doctype, Map<String, Object> doc) {
        Object name = doc.get("name");
        if (name != null && docs.exists(doctype, name.toString())) {
            return update(doctype, name.toString(), doc).orElseThrow();
        }
        return insert(doctype, doc);
    }

    /** Stores {@code doc} exactly as given (no stamps, no events): a site's state before the test begins. */
    public void seed(String doctype, Map<String, Object> doc) {
        docs.seed(doctype, doc);
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

    /** Answers each request that matches with {@code status} and Frappe's error body, until {@link #heal()}. */
    public void failWhen(Predicate<StandInRequest> when, int status) {
        failure = new Failure(when, status);
    }

    /** Ends {@link #failWhen}. */
    public void heal() {
        failure = null;
    }

    /** Counts the REST writes (insert, put, bulk_update) that set {@code field} of {@code doctype}, by doc name. */
    public void countWrites(String doctype, String field) {
        log.countWrites(doctype, field);
    }

    /** The counts {@link #countWrites} asked for, by doc name; empty if not asked. */
    public Map<String, Long> writes(String doctype, String field) {
        return log.writes(doctype, field);
    }

    /** Keep each request for {@link #requests()} (the default), or only count them (a load run). */
    public void keepRequests(boolean keep) {
        log.keepRequests(keep);
    }

    /** The requests received so far, in order; {@code toString()} is {@code "METHOD /decoded/path"}. */
    public List<StandInRequest> requests() {
        return log.requests();
    }

    /** Requests so far by route, e.g. {@code "GET Messenger Conversation/<name>"}, {@code "GET frappe.client.get_count"}. */
    public Map<String, Long> requestsByRoute() {
        return log.byRoute();
    }

    /** Requests answered so far. */
    public long requestCount() {
        return log.total();
    }

    /** Requests no route took, {@code "METHOD /encoded/path"} (a doc name not encoded as one path segment). */
    public List<String> misdirected() {
        return log.misdirected();
    }

    private StandInAnswer receive(StandInRequest request) {
        long wait;
        while ((wait = hangUntil - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(20))); // a hang may end early
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return StandInAnswer.error(503, "InterruptedError", "the stand-in is closing");
            }
        }
        log.received(request);
        Failure f = failure;
        if (f != null && f.when().test(request)) {
            log.count("failed");
            return StandInAnswer.error(f.status(), f.status() >= 500 ? "InternalServerError" : "ValidationError",
                    "the stand-in was told to fail " + request);
        }
        return next(List.copyOf(interceptors), 0, request);
    }

    private StandInAnswer next(List<Interceptor> chain, int i, StandInRequest request) {
        if (i < chain.size()) {
            return chain.get(i).intercept(request, r -> next(chain, i + 1, r));
        }
        String required = token;
        if (required != null && !required.equals(request.header("Authorization"))) {
            log.count("unauthenticated");
            return StandInAnswer.error(401, "AuthenticationError", "Invalid token");
        }
        try {
            StandInAnswer answer = routes.route(request);
            if (answer != null) {
                return answer;
            }
        } catch (IllegalArgumentException e) {
            return StandInAnswer.error(417, "ValidationError", e.getMessage());
        }
        log.misdirected(request.method() + " " + request.encodedPath());
        return StandInAnswer.error(404, "DoesNotExistError", "Page not found: " + request.method() + " "
                + request.encodedPath());
    }

    boolean denied(String doctype) {
        return denied.contains(doctype);
    }

    void fire(Map<String, Object> doc, String... events) {
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
}
