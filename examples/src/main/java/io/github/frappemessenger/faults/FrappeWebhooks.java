package io.github.frappemessenger.faults;

import io.github.frappemessenger.frappe.webhook.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Frappe's webhook jobs (frappe.integrations.doctype.webhook.webhook.enqueue_webhook): the body is
 * {@code json.dumps(data)} signed with the webhook secret; a try fails on any exception or an HTTP status of 400 or
 * more ({@code raise_for_status}), each with a 5 s timeout; after the first failure the job sleeps 1 s, after the
 * second 4 s, and after the third it gives up for good — nothing sends that delivery again. Jobs run in parallel, as
 * on a site with enough workers. Every try is recorded. Thread-safe.
 */
final class FrappeWebhooks implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int TRIES = 3;
    static final int TIMED_OUT = -1;
    static final int NO_CONNECTION = -2;

    /** One job: a doc event's body, as signed when it was enqueued. */
    record Delivery(String docEvent, String docName, byte[] body, String signature) {
    }

    /** One try: the status (or {@link #TIMED_OUT}, {@link #NO_CONNECTION}) and how long the answer took. */
    record Attempt(Delivery delivery, int tryNumber, int status, long nanos, URI target) {
        boolean ok() {
            return status >= 200 && status < 400;
        }
    }

    private final WebhookSignature signature;
    private final ExecutorService io = Executors.newCachedThreadPool(daemon("frappe-webhook-io"));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).executor(io).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("frappe-rq"));
    private final Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private final Queue<Delivery> givenUp = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Function<Delivery, URI> router;

    /** {@code router} picks the webhook URL base ({@code http://host:port/webhooks/frappe/}) of each try. */
    FrappeWebhooks(String secret, Function<Delivery, URI> router) {
        this.signature = WebhookSignature.withSecret(secret);
        this.router = router;
    }

    void route(Function<Delivery, URI> router) {
        this.router = router;
    }

    /** The job Frappe enqueues for {@code docEvent} of {@code doc}. */
    Delivery prepare(String docEvent, Map<String, Object> doc) {
        byte[] body = FrappeJson.dumps(doc);
        return new Delivery(docEvent, String.valueOf(doc.get("name")), body, signature.sign(body));
    }

    /** Runs the job in the background; completes with the last try's status. */
    CompletableFuture<Integer> send(Delivery d) {
        inFlight.incrementAndGet();
        CompletableFuture<Integer> done = new CompletableFuture<>();
        done.whenComplete((s, e) -> inFlight.decrementAndGet());
        attempt(d, 1, done);
        return done;
    }

    private void attempt(Delivery d, int tryNumber, CompletableFuture<Integer> done) {
        URI target = router.apply(d).resolve(d.docEvent());
        HttpRequest request = HttpRequest.newBuilder(target).timeout(TIMEOUT)
                .header(WebhookSignature.HEADER, d.signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(d.body())).build();
        long start = System.nanoTime();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            int status = response != null ? response.statusCode()
                    : timedOut(failure) ? TIMED_OUT : NO_CONNECTION;
            Attempt a = new Attempt(d, tryNumber, status, System.nanoTime() - start, target);
            attempts.add(a);
            if (a.ok()) {
                done.complete(status);
            } else if (tryNumber == TRIES) {
                givenUp.add(d);
                done.complete(status);
            } else {
                long sleep = 3L * (tryNumber - 1) + 1; // sleep(3 * i + 1): 1 s, then 4 s
                timer.schedule(() -> attempt(d, tryNumber + 1, done), sleep, TimeUnit.SECONDS);
            }
        });
    }

    /** Waits until no job is running (or {@code max} passed); true when idle. */
    boolean awaitIdle(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    List<Delivery> givenUp() {
        return List.copyOf(givenUp);
    }

    private static boolean timedOut(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
        io.shutdownNow();
    }
}
