package io.github.frappemessenger.frappe.rest;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How {@link FrappeClient} retries a failed call (which calls are retried is the client's rule, see its javadoc).
 * Immutable and thread-safe.
 *
 * <p>Before retry {@code n} (1 for the first retry) the client waits {@code baseBackoff·2^(n−1)}, capped at
 * {@code maxBackoff}, less a random share of up to {@code jitter} of it (so many clients do not retry in step). A 429
 * answer's {@code Retry-After} replaces that pause, capped at {@code maxRetryAfter}.
 *
 * @param maxAttempts   tries in all, including the first; 1 means never retry
 * @param baseBackoff   pause before the first retry, before jitter
 * @param maxBackoff    longest pause between tries, before jitter
 * @param jitter        share of each pause that is random, from 0 (none) to 1 (anywhere between 0 and the pause)
 * @param maxRetryAfter longest pause a {@code Retry-After} header may ask for
 */
public record RetryPolicy(int maxAttempts, Duration baseBackoff, Duration maxBackoff, double jitter,
                          Duration maxRetryAfter) {

    private static final RetryPolicy DEFAULTS =
            new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2), 0.5, Duration.ofSeconds(5));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        requireNotNegative(baseBackoff, "baseBackoff");
        requireNotNegative(maxBackoff, "maxBackoff");
        requireNotNegative(maxRetryAfter, "maxRetryAfter");
        if (maxBackoff.compareTo(baseBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is shorter than baseBackoff " + baseBackoff);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1: " + jitter);
        }
    }

    /** 3 attempts, 100 ms base backoff, 2 s max backoff, 50% jitter, Retry-After honoured up to 5 s. */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** One attempt, no retries. */
    public static RetryPolicy none() {
        return DEFAULTS.withMaxAttempts(1);
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, baseBackoff, maxBackoff, jitter, maxRetryAfter);
    }

    public RetryPolicy withBackoff(Duration base, Duration max) {
        return new RetryPolicy(maxAttempts, base, max, jitter, maxRetryAfter);
    }

    public RetryPolicy withJitter(double share) {
        return new RetryPolicy(maxAttempts, baseBackoff, maxBackoff, share, maxRetryAfter);
    }

    public RetryPolicy withMaxRetryAfter(Duration max) {
        return new RetryPolicy(maxAttempts, baseBackoff, maxBackoff, jitter, max);
    }

    /** The pause before retry {@code retry} (1 for the first retry), jitter included. */
    public Duration backoff(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry counts from 1: " + retry);
        }
        long cap = maxBackoff.toNanos();
        long pause = Math.min(baseBackoff.toNanos(), cap);
        for (int i = 1; i < retry && pause < cap; i++) {
            pause = pause > cap / 2 ? cap : pause * 2;
        }
        long randomShare = (long) (pause * jitter * ThreadLocalRandom.current().nextDouble());
        return Duration.ofNanos(pause - randomShare);
    }

    /** The pause a {@code Retry-After} asked for, capped at {@code maxRetryAfter}. */
    public Duration retryAfter(Duration asked) {
        Objects.requireNonNull(asked, "asked");
        if (asked.isNegative()) {
            return Duration.ZERO;
        }
        return asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked;
    }

    private static void requireNotNegative(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + duration);
        }
    }
}
