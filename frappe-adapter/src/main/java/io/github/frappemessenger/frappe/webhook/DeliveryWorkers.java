package io.github.frappemessenger.frappe.webhook;

import io.github.frappemessenger.frappe.internal.journal.JournalEntry;
import io.github.frappemessenger.frappe.internal.webhook.PublishConfirmation;
import io.github.frappemessenger.frappe.journal.DeliveryJournal;
import io.github.frappemessenger.internal.Backoff;
import io.github.frappemessenger.internal.LogSafe;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs journaled deliveries: one queue per doc (one task at a time, in arrival order), a bounded set of worker
 * threads across docs, retries with exponential backoff for deliveries that failed for a passing reason (503, 409),
 * and the wait for a processed delivery's events to leave the process before its journal entry is marked done.
 * Workers catch everything, {@link Error}s included: a task that threw is retried, the thread lives on. Thread-safe.
 */
final class DeliveryWorkers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DurableDeliveries.class);
    /** How long a worker waits for its events to be acknowledged before leaving that to the timer. */
    private static final Duration CONFIRM_WAIT = Duration.ofMillis(250);

    private record Awaiting(DeliveryTask task, long mark, WebhookResponse answer) {
    }

    private final DeliveryJournal journal;
    private final PublishConfirmation confirmation;
    private final int threads;
    private final Duration backoffMin;
    private final Duration backoffMax;
    private final Function<JournalEntry, WebhookResponse> process;
    private final WebhookJson json = new WebhookJson();
    private final DocQueues queues = new DocQueues();
    private final Queue<Awaiting> awaiting = new ConcurrentLinkedQueue<>();
    private final AtomicLong done = new AtomicLong();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private ThreadPoolExecutor pool;
    private ScheduledExecutorService timer;
    private volatile boolean running;

    DeliveryWorkers(DeliveryJournal journal, PublishConfirmation confirmation, int threads, Duration backoffMin,
            Duration backoffMax, Function<JournalEntry, WebhookResponse> process) {
        this.journal = journal;
        this.confirmation = confirmation;
        this.threads = threads;
        this.backoffMin = backoffMin;
        this.backoffMax = backoffMax;
        this.process = process;
    }

    synchronized void start(List<JournalEntry> recovered) {
        if (pool != null) {
            throw new IllegalStateException("the delivery workers start once");
        }
        pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> daemon(r, "frappe-delivery-" + threadNumber.incrementAndGet()));
        timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "frappe-delivery-timer"));
        timer.scheduleWithFixedDelay(this::confirmAwaiting, 50, 50, TimeUnit.MILLISECONDS);
        running = true;
        recovered.forEach(e -> submit(new DeliveryTask(e)));
    }

    boolean running() {
        return running;
    }

    /** Queues a journaled task behind the earlier deliveries of its doc. */
    void submit(DeliveryTask task) {
        if (queues.add(task)) {
            execute(task);
        }
    }

    /** Runs a task that is not in the journal: once, no retry, no ordering (the journal could not take it). */
    void runUnjournaled(DeliveryTask task) {
        try {
            pool.execute(() -> task.answer.complete(processSafely(task)));
        } catch (RejectedExecutionException e) {
            task.answer.complete(json.error(503, "the webhook bridge is shutting down; retry"));
        }
    }

    private void execute(DeliveryTask task) {
        try {
            pool.execute(() -> run(task));
        } catch (RejectedExecutionException e) {
            log.debug("delivery workers stopped; {} stays in the journal", task.entry);
        }
    }

    private void run(DeliveryTask task) {
        if (!running) {
            return;
        }
        task.attempts++;
        if (!confirmation.ready()) {
            retryLater(task, "realtime events cannot be sent now (Redis or the sender is down, or its buffer full)",
                    null);
            return;
        }
        WebhookResponse answer;
        Throwable thrown = null;
        try {
            answer = process.apply(task.entry);
        } catch (RuntimeException | Error e) {
            thrown = e; // logged once below; the worker survives (an OutOfMemoryError included)
            answer = json.error(503, "processing failed: " + e);
        }
        if (answer.status() == 503 || answer.status() == 409) {
            retryLater(task, WebhookJson.errorText(answer), thrown);
            return;
        }
        try {
            long mark = confirmation.mark();
            if (confirmation.delivered(mark) || confirmation.awaitDelivered(mark, CONFIRM_WAIT)) {
                finish(task, answer);
            } else {
                awaiting.add(new Awaiting(task, mark, answer));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            awaiting.add(new Awaiting(task, confirmation.mark(), answer));
        } finally {
            advance(task);
        }
    }

    private WebhookResponse processSafely(DeliveryTask task) {
        try {
            return process.apply(task.entry);
        } catch (RuntimeException | Error e) {
            log.error("processing {} failed", task.entry, loggable(e)); // the worker survives, an OOM included
            return json.error(503, "processing failed: " + e);
        }
    }

    /**
     * Schedules the next try. One log entry per delivery (with the stack trace of {@code thrown}, if it threw), however
     * often it is retried; the later tries are logged at debug, and the delivery's success after them at info.
     */
    private void retryLater(DeliveryTask task, String reason, Throwable thrown) {
        task.lastFailure = reason;
        Duration delay = backoff(task.attempts);
        if (task.attempts == 1 && thrown != null) {
            log.error("processing {} failed; it stays in the journal and is retried (first in {} ms, then with "
                    + "backoff up to {} s)", task.entry, delay.toMillis(), backoffMax.toSeconds(), loggable(thrown));
        } else if (task.attempts == 1) {
            log.warn("{} not done yet ({}); it stays in the journal and is retried (first in {} ms, then with "
                    + "backoff up to {} s); later deliveries of this doc are journaled and wait behind it", task.entry,
                    LogSafe.of(reason), delay.toMillis(), backoffMax.toSeconds());
        } else {
            log.debug("{} still not done after {} attempts ({}); next in {} ms", task.entry, task.attempts,
                    LogSafe.of(reason), delay.toMillis());
        }
        task.deferred.complete(null);
        queues.headFailed(task);
        try {
            timer.schedule(() -> execute(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("delivery workers stopped; {} stays in the journal", task.entry);
        }
    }

    /**
     * A failure as it may be logged: messages escaped (they may quote a doc name); an {@link Error} as it is, as
     * copying it may fail the same way (out of memory) and its message quotes nothing of ours.
     */
    private static Throwable loggable(Throwable failure) {
        return failure instanceof Error ? failure : LogSafe.failure(failure);
    }

    private Duration backoff(int attempt) {
        return new Backoff(backoffMin, backoffMax, false).forAttempt(attempt);
    }

    /** The doc's next delivery, if any, may run now. */
    private void advance(DeliveryTask task) {
        DeliveryTask next = queues.advance(task);
        if (next != null) {
            execute(next);
        }
    }

    private void finish(DeliveryTask task, WebhookResponse answer) {
        if (task.entry.seq() >= 0) {
            try {
                journal.complete(task.entry.seq());
            } catch (IOException e) {
                log.warn("could not mark {} done in the journal ({}); it will be processed again after a restart",
                        task.entry, e.toString());
            }
        }
        queues.done(task);
        done.incrementAndGet();
        if (task.attempts > 1) {
            log.info("{} done after {} attempts", task.entry, task.attempts);
        }
        task.answer.complete(answer);
    }

    private void confirmAwaiting() {
        try {
            awaiting.removeIf(a -> {
                if (!confirmation.delivered(a.mark())) {
                    return false;
                }
                finish(a.task(), a.answer());
                return true;
            });
        } catch (RuntimeException | Error e) {
            log.error("checking which deliveries' events were sent failed; checking again shortly", e);
        }
    }

    boolean holds(String docKey, Instant since) {
        return queues.holds(docKey, since);
    }

    int backlog() {
        return queues.backlog();
    }

    long backlogBytes() {
        return queues.backlogBytes();
    }

    Map<String, Object> health() {
        Map<String, Object> h = new LinkedHashMap<>(queues.health());
        h.put("awaiting_publish", awaiting.size());
        h.put("done", done.get());
        h.put("workers_running", running);
        return h;
    }

    @Override
    public void close() {
        ThreadPoolExecutor p;
        ScheduledExecutorService t;
        synchronized (this) {
            running = false;
            p = pool;
            t = timer;
        }
        if (p != null) {
            t.shutdownNow();
            p.shutdownNow();
            try {
                p.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
