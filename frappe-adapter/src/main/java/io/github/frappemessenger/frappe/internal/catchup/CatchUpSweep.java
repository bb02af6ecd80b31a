package io.github.frappemessenger.frappe.internal.catchup;

import io.github.frappemessenger.frappe.internal.once.OncePerState;
import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.internal.LogSafe;
import io.github.frappemessenger.model.MessengerMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Repairs whatever the webhooks missed (Redis or Frappe down, the bridge down, Frappe's retries given up, a Webhook
 * disabled for a while): every {@code interval}, one bridge process of the site — whichever holds the Redis lock
 * {@code messenger:lock:<site>:catchup} — reads the site's Messenger Messages changed since the shared cursor
 * ({@link SweepPass}) and hands each to {@link OncePerState#catchUp}: a message without conversation is linked, a
 * state never announced is announced, in {@code modified} order; a state already announced is not announced again.
 *
 * <p>Nothing runs until {@link #start()}, which starts one daemon thread; {@link #sweepNow()} runs a sweep on the
 * caller's thread. {@link #status()} tells {@code /health} the lag. Thread-safe.
 */
public final class CatchUpSweep implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    /** How long the sweep lock outlives a sweeper that stopped renewing it (it renews after every row). */
    static final Duration LOCK_TTL = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(CatchUpSweep.class);
    private static final String ANOTHER = "another bridge process is sweeping";

    private final String site;
    private final Duration interval;
    private final Clock clock;
    private final SharedSweepState shared;
    private final SweepLock lock;
    private final SweepPass pass;
    private final Instant createdAt;
    private ScheduledExecutorService thread;
    private volatile Instant lastComplete;
    private volatile SweepCursor lastCursor;
    private volatile String lastFailure;
    private final Object sweeping = new Object();
    private String lastLogged;
    private Instant lastLoggedAt = Instant.MIN;

    private CatchUpSweep(Builder b) {
        this.site = b.site;
        this.interval = b.interval;
        this.clock = b.clock;
        this.shared = new SharedSweepState(b.redis, b.site);
        this.lock = new SweepLock(b.redis, b.site, LOCK_TTL);
        this.pass = new SweepPass(b.frappe, b.once, b.passOver, b.journaled, shared, new CursorCopy(b.cursorCopy),
                lock::renew, b.pageSize, b.lookback, b.budget, b.clock);
        this.createdAt = b.clock.instant();
    }

    /**
     * A sweep of the site {@code site} read through {@code frappe}, whose shared state (cursor, lock) lives in
     * {@code redis}, handing each row to {@code once} — the same one the webhooks use.
     */
    public static Builder builder(FrappeClient frappe, UnifiedJedis redis, String site, OncePerState once) {
        return new Builder(frappe, redis, site, once);
    }

    /** Starts sweeping: at once (to repair what happened while the bridge was down), then every interval. */
    public synchronized CatchUpSweep start() {
        if (interval.isZero() || thread != null) {
            return this;
        }
        thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "messenger-catchup[" + site + "]");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("catch-up sweep for site {} every {} s", LogSafe.of(site), interval.toSeconds());
        return this;
    }

    /** Runs one sweep now, on this thread, unless another process (or thread) is sweeping the site. */
    public SweepResult sweepNow() {
        synchronized (sweeping) {
            return sweepHoldingMonitor();
        }
    }

    private SweepResult sweepHoldingMonitor() {
        SweepResult result;
        try {
            if (lock.tryAcquire()) {
                try {
                    result = pass.run();
                } finally {
                    lock.release();
                }
            } else {
                result = SweepResult.stopped(ANOTHER);
            }
        } catch (RuntimeException e) {
            result = SweepResult.stopped(e.toString());
        }
        record(result);
        return result;
    }

    /** The lag and the cursor, for {@code /health}. Reads nothing remote. */
    public CatchUpStatus status() {
        if (interval.isZero()) {
            return CatchUpStatus.disabled();
        }
        Instant complete = lastComplete;
        return CatchUpStatus.of(interval, complete == null ? createdAt : complete, clock.instant(), lastCursor,
                lastFailure);
    }

    private void record(SweepResult result) {
        try {
            if (result.complete()) {
                Instant now = clock.instant();
                lastComplete = now;
                shared.completed(now);
            } else {
                shared.completed().ifPresent(at -> lastComplete = max(lastComplete, at)); // swept by another process
            }
            shared.cursor().ifPresent(c -> lastCursor = c);
        } catch (RuntimeException e) {
            // Redis away: the status keeps what it knew.
        }
        lastFailure = result.stoppedBy().filter(why -> !why.equals(ANOTHER)).orElse(null);
        if (result.rows() > 0) {
            log.info("catch-up of site {}: {} row(s) read, {} announced, {} linked, {} passed over{}",
                    LogSafe.of(site), result.rows(), result.announced(), result.linked(), result.skipped(),
                    lastFailure == null ? "" : "; stopped: " + LogSafe.of(lastFailure));
        } else if (lastFailure != null && shouldLog(lastFailure)) {
            log.warn("catch-up of site {} stopped (repeats of this are logged once a minute): {}", LogSafe.of(site),
                    LogSafe.of(lastFailure));
        }
    }

    /** One line per distinct failure, and per minute while it lasts: Redis down must not flood the log. */
    private boolean shouldLog(String failure) {
        Instant now = clock.instant();
        if (failure.equals(lastLogged) && now.isBefore(lastLoggedAt.plusSeconds(60))) {
            return false;
        }
        lastLogged = failure;
        lastLoggedAt = now;
        return true;
    }

    private void tick() {
        try {
            sweepNow();
        } catch (Throwable t) { // the schedule must survive anything, an Error included
            log.error("catch-up sweep of site {} failed", LogSafe.of(site), LogSafe.failure(t));
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    /** Stops the thread (a sweep in progress is interrupted and resumes from the cursor next time). */
    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }

    /** Configures a {@link CatchUpSweep}. Not thread-safe; the sweep it builds is. */
    public static final class Builder {
        private final FrappeClient frappe;
        private final UnifiedJedis redis;
        private final String site;
        private final OncePerState once;
        private Duration interval = DEFAULT_INTERVAL;
        private int pageSize = 100;
        private Duration lookback = Duration.ofDays(1);
        private Duration budget = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private Predicate<MessengerMessage> passOver = message -> false;
        private Predicate<MessengerMessage> journaled = message -> false;
        private Path cursorCopy;

        private Builder(FrappeClient frappe, UnifiedJedis redis, String site, OncePerState once) {
            this.frappe = Objects.requireNonNull(frappe, "frappe");
            this.redis = Objects.requireNonNull(redis, "redis");
            this.site = Objects.requireNonNull(site, "site");
            this.once = Objects.requireNonNull(once, "once");
            if (site.isBlank()) {
                throw new IllegalArgumentException("site must not be blank");
            }
        }

        /** Time between sweeps (30 s by default); zero turns the sweep off. */
        public Builder interval(Duration interval) {
            if (Objects.requireNonNull(interval, "interval").isNegative()) {
                throw new IllegalArgumentException("interval must not be negative: " + interval);
            }
            this.interval = interval;
            return this;
        }

        /** Rows per REST call (100 by default). */
        public Builder pageSize(int pageSize) {
            if (pageSize < 1 || pageSize > 1_000) {
                throw new IllegalArgumentException("pageSize must be between 1 and 1000, got " + pageSize);
            }
            this.pageSize = pageSize;
            return this;
        }

        /** With no cursor yet (first start, or Redis lost it), how far before the newest message to start. 1 day. */
        public Builder lookback(Duration lookback) {
            this.lookback = nonNegative(lookback, "lookback");
            return this;
        }

        /** The longest one sweep runs before leaving the rest to the next (60 s by default). */
        public Builder budget(Duration budget) {
            this.budget = nonNegative(budget, "budget");
            if (budget.isZero()) {
                throw new IllegalArgumentException("budget must be positive");
            }
            return this;
        }

        /** Rows to leave alone (e.g. a provider's retry of another message), counted as passed over. */
        public Builder passOver(Predicate<MessengerMessage> passOver) {
            this.passOver = Objects.requireNonNull(passOver, "passOver");
            return this;
        }

        /**
         * Messages whose deliveries this process's journal still holds (recently arrived): the sweep ends before such
         * a row and starts from it next time, so that the journal announces the message's states in order first
         * rather than the sweep announcing its latest state and the journal's older ones being skipped as past.
         */
        public Builder deferTo(Predicate<MessengerMessage> journaled) {
            this.journaled = Objects.requireNonNull(journaled, "journaled");
            return this;
        }

        /**
         * A local file where this process keeps a copy of the cursor (e.g. beside its delivery journal): when Redis
         * loses its data, the sweep resumes from it instead of from the lookback, so that a day of states is not
         * announced again. Default: none.
         */
        public Builder cursorCopy(Path file) {
            this.cursorCopy = Objects.requireNonNull(file, "file");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public CatchUpSweep build() {
            return new CatchUpSweep(this);
        }

        private static Duration nonNegative(Duration d, String what) {
            if (Objects.requireNonNull(d, what).isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative: " + d);
            }
            return d;
        }
    }
}
