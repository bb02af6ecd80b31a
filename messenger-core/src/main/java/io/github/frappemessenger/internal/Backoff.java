package io.github.frappemessenger.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff: the first wait is {@code min}, each next one twice the last, never more than {@code max};
 * {@link #reset} after a success starts again from {@code min}. With jitter, each wait is drawn between half of it and
 * all of it, so that many clients that failed together do not retry together. Not thread-safe: one per retry loop.
 * Not part of the API.
 */
public final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private final boolean jitter;
    private long nextMillis;

    public Backoff(Duration min, Duration max, boolean jitter) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max, got " + min + ", " + max);
        }
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.jitter = jitter;
        this.nextMillis = minMillis;
    }

    /** The wait before the next attempt; the one after it doubles. */
    public Duration next() {
        long wait = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        return Duration.ofMillis(jitter ? ThreadLocalRandom.current().nextLong(wait / 2, wait + 1) : wait);
    }

    /** The wait before attempt number {@code attempt} (1 for the first retry), without changing this backoff. */
    public Duration forAttempt(int attempt) {
        long wait = minMillis;
        for (int i = 1; i < attempt && wait < maxMillis; i++) {
            wait = Math.min(maxMillis, wait * 2);
        }
        return Duration.ofMillis(jitter ? ThreadLocalRandom.current().nextLong(wait / 2, wait + 1) : wait);
    }

    public void reset() {
        nextMillis = minMillis;
    }
}
