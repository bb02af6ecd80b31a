package io.github.frappemessenger.frappe.bridge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * {@code /health}'s "sending" part: down when events have been waiting and Redis has acknowledged none of them for
 * {@link #STALL} — a sender that is alive but gets nothing through (it keeps failing and restarting, or Redis
 * accepts connections and never answers). Judged across health probes: the first probe that finds events waiting
 * starts the clock, any acknowledgement restarts it, an empty buffer stops it. Thread-safe.
 */
final class SendProgress implements BooleanSupplier {
    static final Duration STALL = Duration.ofSeconds(10);

    private final LongSupplier pending;
    private final LongSupplier sent;
    private final Clock clock;
    private long sentWhenWaiting = -1; // guarded by this; -1: nothing waiting at the last probe
    private Instant waitingSince; // guarded by this

    SendProgress(LongSupplier pending, LongSupplier sent, Clock clock) {
        this.pending = pending;
        this.sent = sent;
        this.clock = clock;
    }

    @Override
    public synchronized boolean getAsBoolean() {
        long waiting = pending.getAsLong();
        long acknowledged = sent.getAsLong();
        Instant now = clock.instant();
        if (waiting == 0 || acknowledged != sentWhenWaiting) {
            sentWhenWaiting = waiting == 0 ? -1 : acknowledged;
            waitingSince = now;
            return true;
        }
        return Duration.between(waitingSince, now).compareTo(STALL) < 0;
    }
}
