package io.github.frappemessenger.frappe.realtime;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets a repeated warning through at most once per interval, so that an outage or a flood of drops is reported
 * without drowning the log. Thread-safe.
 */
final class LogThrottle {
    private final long intervalNanos;
    private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);

    LogThrottle(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** True if the caller should log now. */
    boolean allow() {
        long now = System.nanoTime();
        long next = nextAllowed.get();
        return (next == Long.MIN_VALUE || now - next >= 0) && nextAllowed.compareAndSet(next, now + intervalNanos);
    }

    /** Lets the next warning through at once (e.g. after a recovery, so a new outage is reported). */
    void reset() {
        nextAllowed.set(Long.MIN_VALUE);
    }
}
