package io.github.frappemessenger.frappe.webhook;

import io.github.frappemessenger.internal.LogSafe;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Jetty's requests into {@link WebhookRequest}s and the {@link WebhookHandler}'s answers back. The body is read
 * as it arrives, without a thread ({@link BodyReader}), against the handler's limit (413) and the body deadline (408);
 * a malformed body (bad chunking) is 400. Only a complete body takes a worker from the bounded pool, and only until
 * the handler's answer is a future (a journaled delivery: until it is on disk); when the pool and its queue are full
 * the request is answered 503 and Frappe retries it. Counts the requests in progress so that
 * {@link #drain} can wait for them; once draining, new requests get 503. Thread-safe.
 */
final class ExchangeHandler extends Handler.Abstract.NonBlocking {
    private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);
    private static final String SHUTTING_DOWN = "the webhook bridge is shutting down; retry";
    private static final long BUSY_LOG_EVERY = TimeUnit.MINUTES.toNanos(1);
    private static final String BUSY = "the webhook bridge is busy (every worker and queue slot taken); retry";
    /**
     * After a 413, what is left of the body is read and dropped (at most this much, for at most {@link #LINGER}) so
     * that a client still sending it can read the answer instead of meeting a reset.
     */
    private static final long LINGER_BYTES = 16L << 20;
    private static final Duration LINGER = Duration.ofSeconds(5);

    private final WebhookHandler handler;
    private final ExecutorService workers;
    private final Scheduler scheduler;
    private final ReadDeadlines deadlines;
    private final Duration bodyTimeout;
    private final WebhookJson json = new WebhookJson();
    private final AtomicLong busyLoggedAt = new AtomicLong(System.nanoTime() - BUSY_LOG_EVERY);
    private final Object lock = new Object();
    private int inProgress; // guarded by lock
    private boolean draining; // guarded by lock

    ExchangeHandler(WebhookHandler handler, ExecutorService workers, Scheduler scheduler, ReadDeadlines deadlines,
            Duration bodyTimeout) {
        this.handler = handler;
        this.workers = workers;
        this.scheduler = scheduler;
        this.deadlines = deadlines;
        this.bodyTimeout = bodyTimeout;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange exchange = new Exchange(request, response, callback);
        if (!enter()) {
            exchange.answer(json.error(503, SHUTTING_DOWN), true);
            return true;
        }
        exchange.counted = true;
        deadlines.requestStarted(exchange.connection);
        int limit = handler.maxBodyBytes();
        if (request.getLength() > limit) {
            exchange.answerTooLarge(tooLarge(limit));
            return true;
        }
        Scheduler.Task timeout = scheduler.schedule(() -> exchange.answer(json.error(408, "the body did not arrive "
                + "within " + bodyTimeout.toMillis() + " ms"), true), bodyTimeout.toNanos(), TimeUnit.NANOSECONDS);
        BodyReader.read(request, limit, BodyReader.of(
                body -> {
                    timeout.cancel();
                    dispatch(exchange, body);
                },
                () -> {
                    timeout.cancel();
                    exchange.answerTooLarge(tooLarge(limit));
                },
                failure -> {
                    timeout.cancel();
                    log.debug("unreadable webhook body on {}", exchange.connection, failure);
                    exchange.answer(json.error(400, "the request body is malformed (" + failure.getClass()
                            .getSimpleName() + "); send a plain or validly chunked body"), true);
                }));
        return true;
    }

    private WebhookResponse tooLarge(int limit) {
        return json.error(413, "the body is over the limit of " + limit + " bytes");
    }

    private void dispatch(Exchange exchange, byte[] body) {
        WebhookRequest webhook = new WebhookRequest(exchange.request.getMethod(),
                exchange.request.getHttpURI().getDecodedPath(), firstValues(exchange.request.getHeaders()), body);
        try {
            workers.execute(() -> answer(webhook, exchange.arrivedNanos)
                    .whenComplete((answer, failure) -> exchange.answer(answer != null ? answer
                            : failed(webhook, failure), false)));
        } catch (RejectedExecutionException e) {
            long last = busyLoggedAt.get();
            long now = System.nanoTime();
            if (now - last >= BUSY_LOG_EVERY && busyLoggedAt.compareAndSet(last, now)) {
                log.warn("webhook server busy: every worker and queue slot taken, answering 503 (Frappe retries);"
                        + " logged at most once a minute");
            }
            exchange.answer(json.error(503, BUSY), false);
        }
    }

    /** The handler's answer: the checks and the journal write on this worker, the rest without holding it. */
    private CompletableFuture<WebhookResponse> answer(WebhookRequest webhook, long arrivedNanos) {
        try {
            return handler.handleAsync(webhook, arrivedNanos);
        } catch (RuntimeException | Error e) {
            return CompletableFuture.completedFuture(failed(webhook, e));
        }
    }

    private WebhookResponse failed(WebhookRequest webhook, Throwable e) {
        if (e instanceof Error) {
            // Out of memory, most likely: the worker survives, and Frappe retries a 503.
            log.error("webhook server failed on {} {} with {}", LogSafe.of(webhook.method()),
                    LogSafe.of(webhook.path()), e.getClass().getName(), e);
            return new WebhookResponse(503, "{\"error\":\"the webhook bridge is out of resources; retry\"}");
        }
        log.error("webhook server failed on {} {}", LogSafe.of(webhook.method()), LogSafe.of(webhook.path()),
                LogSafe.failure(e));
        return json.error(500, "internal error in the webhook bridge");
    }

    private boolean enter() {
        synchronized (lock) {
            if (draining) {
                return false;
            }
            inProgress++;
            return true;
        }
    }

    private void leave() {
        synchronized (lock) {
            inProgress--;
            lock.notifyAll();
        }
    }

    /** Refuses new requests and waits up to {@code timeoutNanos} for those in progress; false if some remain. */
    boolean drain(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (lock) {
            draining = true;
            long left = timeoutNanos;
            while (inProgress > 0 && left > 0) {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
                left = deadline - System.nanoTime();
            }
            return inProgress == 0;
        }
    }

    private static Map<String, String> firstValues(HttpFields headers) {
        Map<String, String> first = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpField field : headers) {
            if (field.getName() != null && field.getValue() != null) {
                first.putIfAbsent(field.getName(), field.getValue());
            }
        }
        return first;
    }

    /** One request being answered: answered once, whichever of body, deadline or failure comes first. */
    private final class Exchange {
        final Request request;
        final Response response;
        final Callback callback;
        final Connection connection;
        final long arrivedNanos = System.nanoTime();
        final AtomicBoolean answered = new AtomicBoolean();
        private volatile boolean counted;

        Exchange(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.connection = request.getConnectionMetaData().getConnection();
        }

        void answer(WebhookResponse answer, boolean closeConnection) {
            answer(answer, closeConnection, false);
        }

        /** A 413 on a closing connection, then the rest of the body read and dropped before the close. */
        void answerTooLarge(WebhookResponse answer) {
            answer(answer, true, true);
        }

        private void answer(WebhookResponse answer, boolean closeConnection, boolean lingerAfter) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            try {
                response.setStatus(answer.status());
                HttpFields.Mutable headers = response.getHeaders();
                headers.put(HttpHeader.CONTENT_TYPE, WebhookResponse.CONTENT_TYPE);
                answer.headers().forEach(headers::put);
                if (closeConnection) {
                    headers.put(HttpHeader.CONNECTION, "close");
                }
                response.write(true, ByteBuffer.wrap(answer.body().getBytes(StandardCharsets.UTF_8)),
                        Callback.from(() -> {
                            if (lingerAfter) {
                                lingerThenFinish();
                            } else {
                                finish(null);
                            }
                        }, failure -> {
                            log.debug("webhook connection failed while answering {}", answer.status(), failure);
                            finish(failure);
                        }));
            } catch (RuntimeException e) {
                log.debug("webhook connection failed while answering {}", answer.status(), e);
                finish(e);
            }
        }

        private void lingerThenFinish() {
            BodyDiscarder discarder = BodyDiscarder.start(request, LINGER_BYTES, () -> finish(null));
            scheduler.schedule(discarder::stop, LINGER.toNanos(), TimeUnit.NANOSECONDS);
        }

        private void finish(Throwable failure) {
            deadlines.requestDone(connection);
            if (counted) {
                counted = false;
                leave();
            }
            if (failure == null) {
                callback.succeeded();
            } else {
                callback.failed(failure);
            }
        }
    }
}
