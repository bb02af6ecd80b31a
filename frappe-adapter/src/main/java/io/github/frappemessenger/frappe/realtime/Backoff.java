package io.github.frappemessenger.frappe.realtime;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential retry delays: {@code initial}, doubled after each failure, never above {@code max}. A value: the
 * attempt number is kept by the caller.
 */
record Backoff(Duration initial, Duration max) {

    Backoff {
        Objects.requireNonNull(initial, "initial backoff");
        Objects.requireNonNull(max, "max backoff");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive, got " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff " + max + " is below the initial backoff " + initial);
        }
    }

    /** The delay before retry number {@code attempt} (1 for the first retry). */
    Duration delay(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 30));
        long millis = initial.toMillis() << doublings;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
