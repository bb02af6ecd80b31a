package io.github.frappemessenger.frappe.realtime;

import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.internal.Backoff;
import io.github.frappemessenger.internal.EventJson;
import io.github.frappemessenger.port.RealtimePublisher;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes realtime events as {@code frappe.publish_realtime} does: {@code PUBLISH events <json>} with
 * {@code {"event", "message", "room", "namespace": <site>}}, so Frappe's realtime server (or any subscriber of
 * that channel) relays them to Socket.IO clients.
 *
 * <p>{@link #publish} only serializes the event (to UTF-8 bytes, on the caller's thread) and appends it to a bounded in-memory buffer, so a save never
 * waits on Redis. One background thread drains the buffer in order, pipelining up to {@code batchSize} PUBLISHes
 * per round trip. While Redis is unreachable the events stay buffered (in order) and the thread reconnects with
 * exponential backoff. An event that finds the buffer full is dropped, counted in {@link #droppedCount()} and
 * reported by a rate-limited WARN. Delivery is at least once: if a connection breaks after Redis ran a PUBLISH
 * but before its reply arrived, that event is sent again.
 *
 * <p>Thread-safe: any number of threads may publish; the events of one {@link #publishAll} call stay together
 * and in order. The sender thread (a daemon thread) starts with the first publish, or with {@link #start()};
 * call {@link #close()} on shutdown to flush and stop it.
 */
public final class RedisRealtimeEmitter implements RealtimePublisher, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisRealtimeEmitter.class);

    private final RedisTarget target;
    private final String siteName;
    private final String channel;
    private final EventBuffer buffer;
    private final Duration closeTimeout;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final EventIntake intake;
    private final RedisSender sender;
    private final SenderSupervisor supervisor;
    private final Thread thread;
    private final AtomicBoolean started = new AtomicBoolean();

    private RedisRealtimeEmitter(Builder b) {
        this.target = RedisTarget.parse(b.redisUri, b.timeout, "frappe-messenger-emitter");
        this.siteName = b.siteName;
        this.channel = b.channel;
        this.buffer = new EventBuffer(b.bufferCapacity);
        this.closeTimeout = b.closeTimeout;
        Backoff backoff = new Backoff(b.backoffMin, b.backoffMax, false);
        this.sender = new RedisSender(target, channel, buffer, b.batchSize, backoff, b.beforeEachBatch);
        this.supervisor = new SenderSupervisor(sender, buffer, backoff);
        this.intake = new EventIntake(target, buffer, b.refuseWhenFull, b.eventJson, siteName);
        this.thread = new Thread(supervisor, "frappe-realtime-emitter[" + siteName + "]");
        this.thread.setDaemon(true);
    }

    /** Starts the sender thread unless it runs or the emitter is closed; else the first publish starts it. */
    public RedisRealtimeEmitter start() {
        if (!closed.get() && started.compareAndSet(false, true)) {
            thread.start();
        }
        return this;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void publish(RealtimeEvent event) {
        start();
        intake.publish(List.of(Objects.requireNonNull(event, "event")));
    }

    /** The events of one save, appended together so other threads' events do not come between them. */
    @Override
    public void publishAll(List<RealtimeEvent> events) {
        start();
        intake.publish(events);
    }

    /** Events Redis has acknowledged. */
    public long sentCount() {
        return sender.sentCount();
    }

    /** Events dropped because the buffer was full, or still unsent at {@link #close()}. */
    public long droppedCount() {
        return intake.dropped();
    }

    /** Events buffered and not yet acknowledged by Redis (including those in flight). */
    public int pendingCount() {
        return buffer.size();
    }

    /** Whether the sender thread runs or will start with the first publish (false: closed; it restarts). */
    public boolean senderAlive() {
        return (!started.get() || thread.isAlive()) && !buffer.stopped();
    }

    /** How often the sender thread was restarted after a failure (an Error, e.g. out of memory). */
    public long senderRestarts() {
        return supervisor.restarts();
    }

    /** Whether the last attempt to publish to Redis failed. */
    public boolean redisFailing() {
        return sender.failing();
    }

    /** The most events held for Redis. */
    public int bufferCapacity() {
        return buffer.capacity();
    }

    /** A position at or after every event published so far (see {@link #sentUpTo}). */
    public long publishedMark() {
        return buffer.acceptedTotal();
    }

    /** Whether every event published up to {@code mark} was acknowledged by Redis. */
    public boolean sentUpTo(long mark) {
        return buffer.sentUpTo(mark);
    }

    /** Waits until every event up to {@code mark} was acknowledged by Redis; false if {@code timeout} passed. */
    public boolean awaitSentUpTo(long mark, Duration timeout) throws InterruptedException {
        return buffer.awaitSentUpTo(mark, timeout);
    }

    /** Waits until every buffered event was sent; false if {@code timeout} passed first (e.g. Redis is down). */
    public boolean flush(Duration timeout) {
        try {
            return buffer.awaitEmpty(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Flushes for up to the builder's close timeout, then stops the sender thread and closes the connection.
     * Events still unsent are counted as dropped and logged. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        flush(closeTimeout);
        buffer.stop();
        try {
            thread.join(closeTimeout.toMillis() + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int unsent = buffer.clear();
        long droppedInAll = intake.droppedAtClose(unsent);
        if (droppedInAll > 0) {
            log.warn("Realtime emitter for {} closed: {} event(s) left unsent, {} dropped in all, {} sent",
                    target, unsent, droppedInAll, sentCount());
        }
    }

    @Override
    public String toString() {
        return "RedisRealtimeEmitter[" + target + ", channel=" + channel + ", site=" + siteName + "]";
    }

    /** Configures a {@link RedisRealtimeEmitter}; {@link #redisUri} and {@link #siteName} are required. */
    public static final class Builder {
        private String redisUri;
        private String siteName;
        private String channel = "events";
        private int bufferCapacity = 10_000;
        private int batchSize = 500;
        private Duration backoffMin = Duration.ofMillis(100);
        private Duration backoffMax = Duration.ofSeconds(5);
        private Duration timeout = Duration.ofSeconds(2);
        private Duration closeTimeout = Duration.ofSeconds(5);
        private EventJson eventJson;
        private boolean refuseWhenFull;
        private Runnable beforeEachBatch = () -> { };

        private Builder() {
        }

        /**
         * True: a publish whose events do not all fit throws {@link EmitterFullException} and takes none (the bridge's
         * choice, so the delivery is retried); false (default): it takes what fits and counts the rest as dropped.
         */
        public Builder refuseWhenFull(boolean refuse) {
            this.refuseWhenFull = refuse;
            return this;
        }

        /** Tests only: runs on the sender thread before each batch (to inject a failure there). */
        Builder beforeEachBatch(Runnable hook) {
            this.beforeEachBatch = Objects.requireNonNull(hook, "hook");
            return this;
        }

        /** The Redis Frappe's realtime server listens to: the site config's {@code redis_queue}. */
        public Builder redisUri(String redisUri) {
            this.redisUri = redisUri;
            return this;
        }

        /** The site name, sent as {@code namespace} (the Socket.IO namespace is {@code /<site>}). */
        public Builder siteName(String siteName) {
            this.siteName = siteName;
            return this;
        }

        /** The channel to PUBLISH on; Frappe's realtime server subscribes to {@code events} (the default). */
        public Builder channel(String channel) {
            this.channel = channel;
            return this;
        }

        /** How many events may wait for Redis before new ones are dropped (default 10,000). */
        public Builder bufferCapacity(int bufferCapacity) {
            this.bufferCapacity = bufferCapacity;
            return this;
        }

        /** How many PUBLISHes go in one pipelined round trip (default 500). */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Retry delays while Redis is unreachable: from {@code min}, doubling, up to {@code max} (100 ms, 5 s). */
        public Builder reconnectBackoff(Duration min, Duration max) {
            this.backoffMin = min;
            this.backoffMax = max;
            return this;
        }

        /** Connect and read timeout of the Redis connection (default 2 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** How long {@link RedisRealtimeEmitter#close()} waits for the buffer to drain (default 5 s). */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
            return this;
        }

        /** The JSON writer for events (default: a plain {@link EventJson}'s bytes, written without its tree). */
        public Builder eventJson(EventJson eventJson) {
            this.eventJson = Objects.requireNonNull(eventJson, "eventJson");
            return this;
        }

        /** Validates the settings; no thread starts before {@link RedisRealtimeEmitter#start} or the first publish. */
        public RedisRealtimeEmitter build() {
            if (siteName == null || siteName.isBlank()) {
                throw new IllegalArgumentException("siteName is required: it is the Socket.IO namespace of events");
            }
            if (channel == null || channel.isBlank()) {
                throw new IllegalArgumentException("channel is blank");
            }
            if (bufferCapacity < 1 || batchSize < 1) {
                throw new IllegalArgumentException("bufferCapacity and batchSize must be at least 1, got "
                        + bufferCapacity + " and " + batchSize);
            }
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(closeTimeout, "closeTimeout");
            new Backoff(backoffMin, backoffMax, false); // validates the pair
            return new RedisRealtimeEmitter(this);
        }
    }
}
