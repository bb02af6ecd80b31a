package io.github.frappemessenger.frappe.site;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.Subscription;
import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.rest.RetryPolicy;
import io.github.frappemessenger.testing.StandInAnswer;
import io.github.frappemessenger.testing.StandInRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The test kit's {@link io.github.frappemessenger.testing.FrappeStandIn} (docs/testing.md) as this module's tests
 * use it: a {@link #client() client} with fast retries, deterministic stamps (from 2024-01-01, one microsecond per
 * save), inserts named {@code CONV-n} for conversations and {@code DOC-n} otherwise, and, through one
 * {@link StandInMetaInterceptor interceptor}, what Frappe does for its own meta ({@link #site()}: users, roles,
 * permissions, DocTypes, Webhooks that fire), delays and a per-request hang. Thread-safe.
 */
public final class FrappeStandIn implements AutoCloseable {
    public static final String CONVERSATION = "Messenger Conversation";
    private static final String MESSAGE = "Messenger Message";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The API secret the stand-in's clients send; tests check that no log line holds it. */
    public static final String API_SECRET = "s3cr3t-do-not-log-4f9a";
    private static final LocalDateTime EPOCH = LocalDateTime.of(2024, 1, 1, 0, 0);

    /** Hears the doc events Frappe fires webhooks for, with the doc as saved (doctype included). */
    @FunctionalInterface
    public interface DocEventListener {
        void fired(String event, Map<String, Object> doc);
    }

    public final io.github.frappemessenger.testing.FrappeStandIn kit = new io.github.frappemessenger.testing.FrappeStandIn();
    private final StandInMeta meta = new StandInMeta(this);
    private final StandInMetaInterceptor interceptor = new StandInMetaInterceptor(this, meta);
    private final AtomicLong inserted = new AtomicLong();

    public FrappeStandIn() {
        kit.stampsFrom(EPOCH.plusNanos(1_000));
        kit.delete(io.github.frappemessenger.testing.FrappeStandIn.SETTINGS,
                io.github.frappemessenger.testing.FrappeStandIn.SETTINGS); // no settings doc until a test saves one
        kit.addInterceptor(interceptor);
        kit.onDocEvent((event, doc) -> meta.fire(String.valueOf(doc.get("doctype")), doc, event));
        kit.start();
        meta.startWorkers();
    }

    /** A fresh, independent client (its own connection pool), retrying fast. */
    public FrappeClient client() {
        return FrappeClient.builder().baseUrl(kit.url().toString()).apiKey("key").apiSecret(API_SECRET)
                .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(2)))
                .build();
    }

    public void insertDelay(Duration d) {
        interceptor.insertDelay = d;
    }

    public void updateDelay(Duration d) {
        interceptor.updateDelay = d;
    }

    /** Holds every request this long before answering it (a hung site); {@link Duration#ZERO} ends it. */
    public void hang(Duration d) {
        interceptor.hang = d;
    }

    /** Answers {@code status} to every request that matches, until {@link #heal()}. */
    public void failWhen(Predicate<StandInRequest> when, int status) {
        kit.failWhen(when, status);
    }

    public void heal() {
        kit.heal();
    }

    /**
     * After each write, as Frappe does once the transaction commits: {@code after_insert} then {@code on_update} for
     * an insert (REST or {@link #save}), {@code on_update} for a PUT or a save over an existing doc.
     */
    public Subscription onDocEvent(DocEventListener listener) {
        return kit.onDocEvent(listener::fired);
    }

    /** Runs {@code hook} once, just before the next insert is stored. */
    public void beforeNextInsert(Runnable hook) {
        interceptor.beforeNextInsert = hook;
    }

    /** The site's users and roles, DocTypes and Webhooks: what {@code setup} and {@code doctor} talk to. */
    public StandInMeta site() {
        return meta;
    }

    public void seed(String doctype, Map<String, Object> doc) {
        kit.seed(doctype, doc);
    }

    /** Writes a doc as Frappe itself would (not through the REST API, so not counted), stamped; fires its events. */
    public Map<String, Object> save(String doctype, Map<String, Object> doc) {
        return kit.save(doctype, doc);
    }

    /** One stored doc, or null. */
    public Map<String, Object> doc(String doctype, String name) {
        return kit.doc(doctype, name).orElse(null);
    }

    public void remove(String doctype, String name) {
        kit.delete(doctype, name);
    }

    public List<Map<String, Object>> all(String doctype) {
        return new ArrayList<>(kit.docs(doctype));
    }

    /** The requests so far, each as {@code "METHOD /decoded/path"}. */
    public List<String> requests() {
        return kit.requests().stream().map(StandInRequest::toString).toList();
    }

    /** The last request as received. */
    public StandInRequest last() {
        List<StandInRequest> all = kit.requests();
        return all.get(all.size() - 1);
    }

    public int requestCount() {
        return kit.requests().size();
    }

    /**
     * Requests that wrote a Messenger Message's {@code conversation}, by message name: a {@code PUT} of the doc, or an
     * element of a {@code frappe.client.bulk_update} (counted whether or not the doc was there).
     */
    public Map<String, Integer> linkWrites() {
        Map<String, Integer> writes = new LinkedHashMap<>();
        for (StandInRequest r : kit.requests()) {
            List<String> p = r.path();
            if (r.method().equals("PUT") && p.size() == 4 && p.get(2).equals(MESSAGE)
                    && r.doc().containsKey("conversation")) {
                writes.merge(p.get(3), 1, Integer::sum);
            } else if (p.size() == 3 && p.get(2).equals("frappe.client.bulk_update")
                    && r.params().get("docs") instanceof String docs) {
                for (Map<String, Object> d : bulkDocs(docs)) {
                    if (MESSAGE.equals(d.get("doctype")) && d.containsKey("conversation")) {
                        writes.merge(String.valueOf(d.get("docname")), 1, Integer::sum);
                    }
                }
            }
        }
        return writes;
    }

    private static List<Map<String, Object>> bulkDocs(String text) {
        try {
            return JSON.readValue(text, new TypeReference<List<Map<String, Object>>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("bulk_update docs are not a JSON list: " + text, e);
        }
    }

    /** The name of the next insert that brings none of its own: {@code CONV-n} or {@code DOC-n}. */
    public String nextName(String doctype) {
        return (doctype.equals(CONVERSATION) ? "CONV-" : "DOC-") + inserted.incrementAndGet();
    }

    public static StandInAnswer refused(StandInMeta.Refusal r) {
        return StandInAnswer.error(r.status, r.excType, r.getMessage());
    }

    public static Map<String, Object> copy(Map<String, Object> doc) {
        return doc == null ? null : new LinkedHashMap<>(doc);
    }

    @Override
    public void close() {
        meta.webhooks.close();
        kit.close();
    }
}
