package io.github.frappemessenger.testing;

import io.github.frappemessenger.Subscription;
import io.github.frappemessenger.internal.Builders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Frappe's webhook jobs (frappe.integrations.doctype.webhook.webhook.enqueue_webhook) for one DocType's
 * {@code after_insert} and {@code on_update}: the body is {@code json.dumps(doc)} (Python's separators), signed with
 * the webhook secret in {@code X-Frappe-Webhook-Signature} (base64 HMAC-SHA256); a try fails on any exception or an
 * HTTP status of 400 or more ({@code raise_for_status}), each with a 5 s timeout; after the first failure the job
 * sleeps 1 s, after the second 4 s, and after the third it gives up for good — nothing sends that delivery again.
 * Jobs run in parallel, as on a site with enough workers. Every try is recorded. Thread-safe; the builder starts
 * nothing, the first delivery starts the threads; {@link #close()} stops them.
 */
public final class FrappeWebhooks implements AutoCloseable {
    /** Frappe's default webhook timeout. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Frappe's {@code sleep(3 * i + 1)} after the first and the second failed try. */
    public static final List<Duration> SLEEPS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(4));
    /** An {@link Attempt#status()} when no answer came within the timeout. */
    public static final int TIMED_OUT = -1;
    /** An {@link Attempt#status()} when the connection failed. */
    public static final int NO_CONNECTION = -2;

    /** One job: a doc event's body, as signed when it was enqueued. */
    public record Delivery(String docEvent, String docName, byte[] body, String signature) {
    }

    /** One try: the status (or {@link #TIMED_OUT}, {@link #NO_CONNECTION}), how long it took, the sleep before it. */
    public record Attempt(Delivery delivery, int tryNumber, int status, long nanos, URI target, Duration sleptBefore) {
        public boolean ok() {
            return status >= 200 && status < 400;
        }
    }

    private final WebhookSigner signer;
    private final String docType;
    private final Duration timeout;
    private final List<Duration> sleeps;
    private final Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private final Queue<Delivery> givenUp = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Queue<Subscription> listening = new ConcurrentLinkedQueue<>();
    private final ExecutorService io = Executors.newCachedThreadPool(daemon("frappe-webhook-io"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("frappe-rq"));
    private volatile Function<Delivery, URI> router;
    private HttpClient http; // guarded by this: made on first use (an HttpClient starts a thread)

    private FrappeWebhooks(Builder b) {
        this.signer = b.secret == null ? null : new WebhookSigner(b.secret);
        this.docType = b.docType;
        this.timeout = b.timeout;
        this.sleeps = b.sleeps;
        this.router = b.router;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends a job for each {@code after_insert} and {@code on_update} of the DocType that {@code site} fires, until
     * {@link #close()}.
     */
    public FrappeWebhooks listenTo(FrappeStandIn site) {
        listening.add(site.onDocEvent((event, doc) -> {
            if (docType.equals(doc.get("doctype")) && (event.equals("after_insert") || event.equals("on_update"))) {
                send(prepare(event, doc));
            }
        }));
        return this;
    }

    /** From now on each try goes to the webhook URL base ({@code http://host:port/webhooks/frappe/}) {@code router} picks. */
    public void route(Function<Delivery, URI> router) {
        this.router = router;
    }

    /** The job Frappe enqueues for {@code docEvent} of {@code doc}: its body and signature, fixed from now on. */
    public Delivery prepare(String docEvent, Map<String, Object> doc) {
        byte[] body = FrappeJson.dumps(doc);
        return new Delivery(docEvent, String.valueOf(doc.get("name")), body, signer == null ? null : signer.sign(body));
    }

    /** Runs the job in the background; completes with the last try's status. */
    public CompletableFuture<Integer> send(Delivery d) {
        if (router == null) {
            throw new IllegalStateException("these webhooks have no target: set target(...) or router(...)");
        }
        inFlight.incrementAndGet();
        CompletableFuture<Integer> done = new CompletableFuture<>();
        done.whenComplete((s, e) -> inFlight.decrementAndGet());
        attempt(d, 1, Duration.ZERO, done);
        return done;
    }

    private void attempt(Delivery d, int tryNumber, Duration slept, CompletableFuture<Integer> done) {
        URI target = router.apply(d).resolve(d.docEvent());
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()));
        if (d.signature() != null) {
            request.header(WebhookSigner.HEADER, d.signature());
        }
        long start = System.nanoTime();
        client().sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            int status = response != null ? response.statusCode() : timedOut(failure) ? TIMED_OUT : NO_CONNECTION;
            Attempt a = new Attempt(d, tryNumber, status, System.nanoTime() - start, target, slept);
            attempts.add(a);
            if (a.ok()) {
                done.complete(status);
            } else if (tryNumber > sleeps.size()) {
                givenUp.add(d);
                done.complete(status);
            } else {
                Duration sleep = sleeps.get(tryNumber - 1);
                timer.schedule(() -> attempt(d, tryNumber + 1, sleep, done), sleep.toNanos(), TimeUnit.NANOSECONDS);
            }
        });
    }

    private synchronized HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).executor(io)
                    .build();
        }
        return http;
    }

    /** Waits until no job is running (or {@code max} passed); true when idle. */
    public boolean awaitIdle(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Every try so far, in the order they ended. */
    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** The deliveries whose last try failed: Frappe sends them never again. */
    public List<Delivery> givenUp() {
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

    static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops the jobs; tries not yet made are never made. */
    @Override
    public void close() {
        listening.forEach(Subscription::close);
        timer.shutdownNow();
        io.shutdownNow();
    }

    /**
     * Configures {@link FrappeWebhooks}: where the deliveries go (needed to send, not to prepare), the secret
     * (without one, no signature header, as with Enable Security off), the DocType (default Messenger Message), and
     * — for tests that cannot wait — the timeout and sleeps (default Frappe's: 5 s, then 1 s and 4 s). Each setter
     * checks its argument at once; the secret and the target (or router) are taken once. Not thread-safe.
     */
    public static final class Builder {
        private @Nullable String secret;
        private String docType = FrappeStandIn.MESSAGE;
        private Duration timeout = TIMEOUT;
        private List<Duration> sleeps = SLEEPS;
        private @Nullable Function<Delivery, URI> router;

        private Builder() {
        }

        /** The Webhook's secret: each body is signed with it. */
        public Builder secret(String secret) {
            this.secret = Builders.once(this.secret, Builders.nonBlank(secret, "the webhook secret"),
                    "the webhook secret");
            return this;
        }

        public Builder docType(String docType) {
            this.docType = Builders.nonBlank(docType, "docType");
            return this;
        }

        /** Every delivery to {@code base} + the doc event, e.g. {@code http://127.0.0.1:8000/webhooks/frappe/}. */
        public Builder target(URI base) {
            Objects.requireNonNull(base, "base");
            if (base.getPath() == null || !base.getPath().endsWith("/")) {
                throw new IllegalArgumentException("the webhook base URL must end with '/' (the doc event follows): "
                        + base);
            }
            return router(d -> base);
        }

        /** Each try to the base {@code router} picks for it (several bridges, a bridge that moves). */
        public Builder router(Function<Delivery, URI> router) {
            this.router = Builders.once(this.router, router, "the target (or router)");
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = Builders.positive(timeout, "the timeout");
            return this;
        }

        /** The sleeps after the first and the second failed try (Frappe: 1 s and 4 s); three tries in all. */
        public Builder sleeps(Duration afterFirst, Duration afterSecond) {
            for (Duration d : new Duration[] {afterFirst, afterSecond}) {
                if (Objects.requireNonNull(d, "a sleep").isNegative()) {
                    throw new IllegalArgumentException("a sleep must be zero or more, got " + d);
                }
            }
            this.sleeps = List.of(afterFirst, afterSecond);
            return this;
        }

        /** Without a target or router, the webhooks can {@code prepare} deliveries but not send them. */
        public FrappeWebhooks build() {
            return new FrappeWebhooks(this);
        }
    }
}
