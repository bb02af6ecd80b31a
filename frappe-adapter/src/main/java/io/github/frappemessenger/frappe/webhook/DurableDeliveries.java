package io.github.frappemessenger.frappe.webhook;

import io.github.frappemessenger.frappe.internal.journal.JournalEntry;
import io.github.frappemessenger.frappe.internal.webhook.PublishConfirmation;
import io.github.frappemessenger.frappe.journal.DeliveryJournal;
import io.github.frappemessenger.hooks.DocEvent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "A 2xx is a promise" and "answers in time": each verified delivery is appended to the {@link DeliveryJournal}
 * (forced to disk) before any work, then processed by a worker while the request waits — at most until its time
 * budget (default 3 s from arrival, well inside Frappe's 5 s). Done in time: the real answer (200 once its realtime
 * events have left the process). Not done in time, or failing for a reason that passes (site or Redis away):
 * {@code 202 {"accepted": true}} and the work goes on, retried with backoff until it succeeds. Deliveries of one doc
 * are processed one at a time in arrival order. When the delivery cannot be made durable (disk full, backlog over
 * its bound) and cannot be finished in time either, the answer is 503, never 2xx. A restarted bridge first processes
 * what the journal still holds.
 *
 * <p>{@link #start()} starts the workers; {@link #close()} stops them (what is not done stays in the journal).
 * Thread-safe.
 */
public final class DurableDeliveries implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DurableDeliveries.class);

    /** How a journaled delivery is processed: the checks after the signature, then the doc events. */
    @FunctionalInterface
    interface Processor {
        WebhookResponse process(DocEvent event, byte[] body);
    }

    private final DeliveryJournal journal;
    private final Duration budget;
    private final long maxBacklogBytes;
    private final DeliveryWorkers workers;
    private final WebhookJson json = new WebhookJson();
    private volatile Processor processor;

    private DurableDeliveries(Builder b) {
        this.journal = b.journal;
        this.budget = b.budget;
        this.maxBacklogBytes = b.maxBacklogBytes;
        this.workers = new DeliveryWorkers(journal, b.confirmation, b.threads, b.backoffMin, b.backoffMax,
                this::process);
    }

    public static Builder builder(DeliveryJournal journal) {
        return new Builder(journal);
    }

    /** Called once by the {@link WebhookHandler} this is given to. */
    void bind(Processor processor) {
        if (this.processor != null) {
            throw new IllegalStateException("a DurableDeliveries serves one WebhookHandler");
        }
        this.processor = processor;
    }

    /** Starts the workers and hands them what the journal held from before a restart. */
    public DurableDeliveries start() {
        if (processor == null) {
            throw new IllegalStateException("give this DurableDeliveries to a WebhookHandler before start()");
        }
        workers.start(journal.recovered());
        return this;
    }

    private WebhookResponse process(JournalEntry entry) {
        DocEvent event = DocEvent.fromHookName(entry.event()).orElseThrow(
                () -> new IllegalStateException("journal entry " + entry.seq() + " names no doc event"));
        return processor.process(event, entry.body());
    }

    /**
     * Journals a verified delivery and answers it within the budget counted from {@code arrivedNanos}
     * ({@link System#nanoTime()}).
     */
    WebhookResponse accept(DocEvent event, String doctype, String name, byte[] body, long arrivedNanos) {
        return acceptAsync(event, doctype, name, body, arrivedNanos).join();
    }

    /**
     * As {@link #accept}: the checks and the journal write on the calling thread, then an answer that completes when
     * the work is done, when it waits for a retry, or at the end of the budget — whichever comes first — without
     * holding a thread meanwhile (a server thread waiting 3 s per request serves a handful of requests a second).
     */
    CompletableFuture<WebhookResponse> acceptAsync(DocEvent event, String doctype, String name, byte[] body,
            long arrivedNanos) {
        if (!workers.running()) {
            return CompletableFuture.completedFuture(json.error(503,
                    "the webhook bridge is not running its delivery workers; retry"));
        }
        if (workers.backlogBytes() + body.length > maxBacklogBytes) {
            return CompletableFuture.completedFuture(json.error(503, "the webhook bridge has " + workers.backlog()
                    + " deliveries waiting (" + workers.backlogBytes() + " bytes); retry later"));
        }
        JournalEntry entry;
        try {
            entry = journal.append(event.hookName(), doctype, name, body);
        } catch (IOException e) {
            return CompletableFuture.completedFuture(notDurable(event, doctype, name, body, arrivedNanos, e));
        }
        DeliveryTask task = new DeliveryTask(entry);
        CompletableFuture<WebhookResponse> done = new CompletableFuture<>(); // null: answer 202 now
        task.answer.thenAccept(done::complete);
        task.deferred.thenRun(() -> done.complete(null));
        workers.submit(task);
        long left = Math.max(0, arrivedNanos + budget.toNanos() - System.nanoTime());
        // orTimeout's timer is cancelled once done completes, so it keeps no delivery (nor its body) alive.
        return done.orTimeout(left, TimeUnit.NANOSECONDS).handle((answer, late) -> answer != null ? answer
                : accepted(task));
    }

    private Optional<WebhookResponse> await(DeliveryTask task, long arrivedNanos) {
        long left = arrivedNanos + budget.toNanos() - System.nanoTime();
        try {
            CompletableFuture.anyOf(task.answer, task.deferred).get(Math.max(0, left), TimeUnit.NANOSECONDS);
            return Optional.ofNullable(task.answer.getNow(null));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty(); // the worker keeps the entry and retries
        }
    }

    private WebhookResponse accepted(DeliveryTask task) {
        JournalEntry e = task.entry;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", true);
        body.put("accepted", true);
        body.put("doctype", e.doctype());
        body.put("name", e.name());
        body.put("event", e.event());
        String failure = task.lastFailure;
        body.put("reason", failure != null ? "saved to the bridge's journal; will be retried: " + failure
                : task.behindRetry ? "saved to the bridge's journal; waits behind an earlier delivery of this doc that"
                        + " will be retried"
                : "saved to the bridge's journal; processing goes on after this answer");
        return json.response(202, body);
    }

    /**
     * The journal refused the write: the work may still be done in time, but a 2xx is only given for work done; the
     * rest is 503 and Frappe retries.
     */
    private WebhookResponse notDurable(DocEvent event, String doctype, String name, byte[] body, long arrivedNanos,
            IOException failure) {
        log.error("delivery journal {} refused a write ({}); processing {} of {} {} without it", journal.directory(),
                failure.toString(), event.hookName(), doctype, name);
        DeliveryTask task = new DeliveryTask(new JournalEntry(-1, event.hookName(), doctype, name, Instant.now(),
                body));
        workers.runUnjournaled(task);
        return await(task, arrivedNanos).filter(r -> r.status() != 503).orElseGet(() -> json.error(503,
                "the bridge could neither finish " + event.hookName() + " of " + doctype + " " + name
                        + " in time nor save it to its journal; retry"));
    }

    /**
     * Whether deliveries of the doc {@code doctype} {@code name} are accepted and not done yet, the oldest of them
     * younger than {@code maxAge} (an older one is stuck in retries: others need not wait for it).
     */
    public boolean holds(String doctype, String name, Duration maxAge) {
        return workers.holds(JournalEntry.docKey(doctype, name),
                Instant.now().minus(maxAge));
    }

    /** Deliveries accepted and not yet done (journal backlog). */
    public int backlog() {
        return workers.backlog();
    }

    /** For {@code /health}: backlog, oldest waiting, retrying, done. */
    public Map<String, Object> health() {
        return workers.health();
    }

    /** Stops the workers; deliveries not done stay in the journal for the next start. Idempotent. */
    @Override
    public void close() {
        workers.close();
    }

    /** Configures {@link DurableDeliveries}; only the journal is required. Not thread-safe: build once. */
    public static final class Builder {
        private final DeliveryJournal journal;
        private Duration budget = Duration.ofSeconds(3);
        private int threads = 8;
        private Duration backoffMin = Duration.ofSeconds(1);
        private Duration backoffMax = Duration.ofSeconds(30);
        private long maxBacklogBytes = 64L << 20;
        private PublishConfirmation confirmation = PublishConfirmation.immediate();

        private Builder(DeliveryJournal journal) {
            this.journal = Objects.requireNonNull(journal, "journal");
        }

        /** How long a request may wait for its delivery's work, from arrival. Default 3 s. */
        public Builder answerWithin(Duration budget) {
            Objects.requireNonNull(budget, "budget");
            if (budget.isNegative()) {
                throw new IllegalArgumentException("answerWithin is negative");
            }
            this.budget = budget;
            return this;
        }

        /** Deliveries processed at once (of different docs). Default 8. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Delays between tries of a failing delivery: from {@code min}, doubling, up to {@code max} (1 s, 30 s). */
        public Builder retryBackoff(Duration min, Duration max) {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("retryBackoff needs 0 < min <= max, got " + min + ", " + max);
            }
            this.backoffMin = min;
            this.backoffMax = max;
            return this;
        }

        /** Body bytes held for deliveries not yet done; past it new deliveries get 503. Default 64 MiB. */
        public Builder maxBacklogBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxBacklogBytes must be positive, got " + bytes);
            }
            this.maxBacklogBytes = bytes;
            return this;
        }

        /** When a delivery's events count as sent (default: at once, for an in-process publisher). */
        public Builder publishConfirmation(PublishConfirmation confirmation) {
            this.confirmation = Objects.requireNonNull(confirmation, "confirmation");
            return this;
        }

        public DurableDeliveries build() {
            return new DurableDeliveries(this);
        }
    }
}
