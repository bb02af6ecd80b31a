package io.github.frappemessenger.frappe.realtime;

import io.github.frappemessenger.internal.Backoff;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the emitter's sender loop running until the buffer is stopped: whatever the loop throws — an
 * {@link OutOfMemoryError} or any other {@link Error} included — is logged once, with its stack trace, and the loop
 * is started again on the same thread after a short pause; the buffered events stay in order. Without this, one
 * Error left a bridge that answered every webhook while publishing nothing (issue 8). Runs on one thread.
 */
final class SenderSupervisor implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(RedisRealtimeEmitter.class);

    private final RedisSender sender;
    private final EventBuffer buffer;
    private final Backoff backoff;
    private final AtomicLong restarts = new AtomicLong();

    SenderSupervisor(RedisSender sender, EventBuffer buffer, Backoff backoff) {
        this.sender = sender;
        this.buffer = buffer;
        this.backoff = backoff;
    }

    @Override
    public void run() {
        int crashes = 0;
        while (!buffer.stopped()) {
            try {
                sender.run();
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                crashes = 0;
            } catch (Throwable t) {
                crashes++;
                long n = restarts.incrementAndGet();
                log.error("the realtime sender failed with {}; restarting it (restart {}), {} event(s) kept in order",
                        t.getClass().getName(), n, buffer.size(), t);
                if (!pause(backoff.forAttempt(crashes))) {
                    return;
                }
            }
        }
    }

    private boolean pause(Duration delay) {
        try {
            return buffer.pause(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Throwable again) {
            return !buffer.stopped(); // even the pause failed (no memory): try again at once
        }
    }

    long restarts() {
        return restarts.get();
    }
}
