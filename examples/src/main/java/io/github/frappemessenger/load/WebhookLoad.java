package io.github.frappemessenger.load;

import io.github.frappemessenger.frappe.webhook.WebhookSignature;
import io.github.frappemessenger.testing.FrappeWebhooks;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator of the bridge: a fixed number of workers, each sending messages one after the other as Frappe
 * would — the message written, then {@code after_insert}, then {@code on_update} with the same signed body — for a
 * set time. 90 % of messages come from senders who already have a conversation, 10 % from new ones. Every
 * request's latency (send to full answer) is recorded. Not thread-safe: one run at a time.
 */
final class WebhookLoad {
    static final String AFTER_INSERT = "after_insert";
    static final String ON_UPDATE = "on_update";
    private static final double KNOWN_SHARE = 0.9;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** What one run measured; {@code statuses} counts answers by HTTP status, -1 for no answer. */
    record Outcome(long messages, double seconds, Samples afterInsert, Samples onUpdate, Map<Integer, Long> statuses) {
        Samples all() {
            Samples s = new Samples();
            s.addAll(afterInsert);
            s.addAll(onUpdate);
            return s;
        }

        long notOk() {
            return statuses.entrySet().stream().filter(e -> e.getKey() != 200).mapToLong(Map.Entry::getValue).sum();
        }
    }

    private final BridgeStack stack;
    private final WebhookDocs docs;
    private final int workers;
    private final List<String> knownSenders = new ArrayList<>();
    private final String runId;
    private final AtomicLong newSenders = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    WebhookLoad(BridgeStack stack, WebhookDocs docs, int workers, int knownSenders, String runId) {
        this.stack = stack;
        this.docs = docs;
        this.workers = workers;
        this.runId = runId;
        for (int i = 0; i < knownSenders; i++) {
            this.knownSenders.add("psid-" + runId + "-known-" + i);
        }
    }

    /**
     * Sends one message from each known sender, so that each has its conversation before the measured run.
     *
     * @return the answers by HTTP status
     */
    Map<Integer, Long> primeKnownSenders() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<List<Integer>>> done = new ArrayList<>();
            for (String sender : knownSenders) {
                done.add(pool.submit(() -> {
                    FrappeWebhooks.Delivery d = newMessage(sender);
                    return List.of(post(AFTER_INSERT, d), post(ON_UPDATE, d));
                }));
            }
            Map<Integer, Long> statuses = new HashMap<>();
            for (Future<List<Integer>> f : done) {
                f.get().forEach(status -> statuses.merge(status, 1L, Long::sum));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs the workers for {@code duration}. */
    Outcome run(Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        try {
            List<Future<Outcome>> results = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                results.add(pool.submit(() -> work(deadline)));
            }
            long messages = 0;
            Samples afterInsert = new Samples();
            Samples onUpdate = new Samples();
            Map<Integer, Long> statuses = new HashMap<>();
            for (Future<Outcome> f : results) {
                Outcome o = f.get();
                messages += o.messages();
                afterInsert.addAll(o.afterInsert());
                onUpdate.addAll(o.onUpdate());
                o.statuses().forEach((k, v) -> statuses.merge(k, v, Long::sum));
            }
            return new Outcome(messages, (System.nanoTime() - start) / 1e9, afterInsert, onUpdate, statuses);
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome work(long deadline) {
        Samples afterInsert = new Samples();
        Samples onUpdate = new Samples();
        Map<Integer, Long> statuses = new HashMap<>();
        long messages = 0;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < deadline) {
            String sender = random.nextDouble() < KNOWN_SHARE
                    ? knownSenders.get(random.nextInt(knownSenders.size()))
                    : "psid-" + runId + "-new-" + newSenders.incrementAndGet();
            FrappeWebhooks.Delivery d = newMessage(sender);
            timed(AFTER_INSERT, d, afterInsert, statuses);
            timed(ON_UPDATE, d, onUpdate, statuses);
            messages++;
        }
        return new Outcome(messages, 0, afterInsert, onUpdate, statuses);
    }

    private void timed(String event, FrappeWebhooks.Delivery d, Samples samples, Map<Integer, Long> statuses) {
        long t0 = System.nanoTime();
        int status = post(event, d);
        samples.add(System.nanoTime() - t0);
        statuses.merge(status, 1L, Long::sum);
    }

    /** A new message from {@code sender}, written to the store as Frappe writes it before the webhooks fire. */
    FrappeWebhooks.Delivery newMessage(String sender) {
        return docs.delivery(stack.frappeSaved(docs.incoming(sender)));
    }

    /** The signed delivery of a doc as the site saved it. */
    FrappeWebhooks.Delivery delivery(Map<String, Object> saved) {
        return docs.delivery(saved);
    }

    String knownSender(int i) {
        return knownSenders.get(i);
    }

    /** POSTs one delivery; the HTTP status, or -1 when the bridge did not answer. */
    int post(String event, FrappeWebhooks.Delivery d) {
        HttpRequest request = HttpRequest.newBuilder(stack.webhooks().resolve(event)).timeout(REQUEST_TIMEOUT)
                .header(WebhookSignature.HEADER, d.signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(d.body())).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
