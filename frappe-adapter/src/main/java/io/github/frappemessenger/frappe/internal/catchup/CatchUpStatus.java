package io.github.frappemessenger.frappe.internal.catchup;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@code /health} can say of the catch-up sweep. {@code lag} is how long ago a sweep last read the site to its
 * end (since start-up, before the first one): everything the site saved before then has been repaired. Immutable.
 *
 * @param enabled      false when {@code CATCHUP_INTERVAL_S} is 0
 * @param interval     the time between sweeps
 * @param lag          now minus the end of the last complete sweep
 * @param cursor       the shared cursor as this process last saw it; empty before any row was read
 * @param lastFailure  why the last sweep stopped early, one line; empty when it completed
 */
public record CatchUpStatus(boolean enabled, Duration interval, Duration lag, Optional<SweepCursor> cursor,
                            Optional<String> lastFailure) {

    /** Healthy unless enabled and no sweep completed for three intervals (plus a minute for a long one). */
    public boolean healthy() {
        return !enabled || lag.compareTo(interval.multipliedBy(3).plusMinutes(1)) <= 0;
    }

    static CatchUpStatus disabled() {
        return new CatchUpStatus(false, Duration.ZERO, Duration.ZERO, Optional.empty(), Optional.empty());
    }

    static CatchUpStatus of(Duration interval, Instant lastComplete, Instant now, SweepCursor cursor,
            String lastFailure) {
        return new CatchUpStatus(true, interval, Duration.between(lastComplete, now), Optional.ofNullable(cursor),
                Optional.ofNullable(lastFailure));
    }
}
