package io.github.frappemessenger.frappe.realtime;

import io.github.frappemessenger.internal.Backoff;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The emitter's background loop: takes a batch from the head of the buffer, writes all its PUBLISHes at once
 * ({@link RespPipe}), writes the next batch too if the buffer has one, then reads the first batch's replies one by
 * one, so it knows exactly how many Redis accepted; those leave the buffer, the rest are sent again after a backoff
 * (on a new connection if the old one broke). Two batches are in flight at most. Runs on one thread only.
 */
final class RedisSender implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(RedisSender.class);

    private final RedisTarget target;
    private final byte[] channel;
    private final EventBuffer buffer;
    private final int batchSize;
    private final Backoff backoff;
    private final Runnable beforeBatch;
    private final AtomicLong sent = new AtomicLong();
    private final LogThrottle outageReminder = new LogThrottle(Duration.ofSeconds(30));
    private RespPipe pipe;
    private volatile int failures;
    private Instant failingSince;

    RedisSender(RedisTarget target, String channel, EventBuffer buffer, int batchSize, Backoff backoff,
            Runnable beforeBatch) {
        this.beforeBatch = beforeBatch;
        this.target = target;
        this.channel = channel.getBytes(StandardCharsets.UTF_8);
        this.buffer = buffer;
        this.batchSize = batchSize;
        this.backoff = backoff;
    }

    /** Whether the last attempt to send failed (Redis unreachable or refusing). */
    boolean failing() {
        return failures > 0;
    }

    long sentCount() {
        return sent.get();
    }

    @Override
    public void run() {
        try {
            while (true) {
                List<byte[]> batch = buffer.peekBatch(batchSize);
                if (batch.isEmpty()) {
                    return; // stopped
                }
                beforeBatch.run();
                if (!sendBatch(batch) && !buffer.pause(backoff.forAttempt(failures))) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            disconnect();
        }
    }

    /**
     * Sends {@code first} and, while its replies are still to come, the batch behind it, and so on as long as the
     * buffer has more: two batches in flight, so that Redis works on one while this thread reads the other's
     * replies and writes the next (with one batch at a time, each side waited for the other). True if everything
     * sent went through. On a refused reply the rest of that batch and the whole batch behind it stay buffered and
     * are sent again in order (as the rest of a batch always was), their replies read first to keep in step.
     */
    private boolean sendBatch(List<byte[]> first) {
        int acknowledged = 0; // of the batch whose replies are being read
        try {
            if (pipe == null) {
                pipe = target.openPipe(channel);
            }
            pipe.publish(first);
            List<byte[]> current = first;
            while (true) {
                List<byte[]> next = buffer.peekAfter(current.size(), batchSize);
                if (!next.isEmpty()) {
                    beforeBatch.run();
                    pipe.publish(next);
                }
                acknowledged = 0;
                String refused = null;
                for (int i = 0; i < current.size(); i++) {
                    // An error reply (NOPERM, LOADING...): keep reading so the replies stay in step; the events from
                    // the first refused one on are retried in order.
                    String error = pipe.reply();
                    if (error == null && refused == null) {
                        acknowledged++;
                    } else if (refused == null) {
                        refused = error;
                    }
                }
                if (refused != null) {
                    for (int i = 0; i < next.size(); i++) {
                        pipe.reply(); // sent again after the refused ones, in order
                    }
                    failed(new JedisDataException(refused), current.size() - acknowledged + next.size());
                    return false;
                }
                acknowledge(acknowledged);
                acknowledged = 0;
                recovered(); // a whole batch went through: not failing, even while a backlog is still being sent
                if (next.isEmpty()) {
                    return true;
                }
                current = next;
            }
        } catch (IOException | RuntimeException e) {
            // Connection errors, and anything unexpected: the thread must survive to send the buffer later.
            disconnect();
            failed(e, buffer.size() - acknowledged);
            return false;
        } finally {
            acknowledge(acknowledged);
        }
    }

    /** The first {@code n} buffered events were acknowledged by Redis: they leave the buffer. */
    private void acknowledge(int n) {
        buffer.removeSent(n);
        sent.addAndGet(n);
    }

    private void failed(Exception e, int unsent) {
        failures++;
        if (failingSince == null) {
            failingSince = Instant.now();
        }
        Duration next = backoff.forAttempt(failures);
        boolean remind = outageReminder.allow();
        if (failures == 1 || remind) {
            log.warn("Cannot publish realtime events to Redis at {} ({}: {}); keeping {} event(s) in order, "
                            + "retrying in {} ms (attempt {})",
                    target, e.getClass().getSimpleName(), e.getMessage(), buffer.size(), next.toMillis(), failures);
        } else {
            log.debug("Redis at {} still failing: {}; {} of the batch unsent", target, e.getMessage(), unsent);
        }
    }

    private void recovered() {
        if (failures > 0) {
            log.info("Publishing realtime events to Redis at {} again after {} ms and {} failed attempt(s); "
                            + "{} event(s) still buffered",
                    target, Duration.between(failingSince, Instant.now()).toMillis(), failures, buffer.size());
            failures = 0;
            failingSince = null;
            outageReminder.reset();
        }
    }

    private void disconnect() {
        if (pipe != null) {
            try {
                pipe.close();
            } catch (RuntimeException e) {
                log.debug("closing the Redis connection to {} failed", target, e);
            }
            pipe = null;
        }
    }
}
