package io.github.frappemessenger.frappe.internal.once;

import java.time.Duration;

/**
 * When the realtime events published so far have really left the process (e.g. Redis acknowledged them): events
 * still in an in-memory buffer die with the process, so {@link OncePerState} records a state as announced only once
 * its events are acknowledged. Marks are positions in the publisher's stream of events: {@link #mark()} read after
 * a state's events were published is at or after the last of them. Implementations must be thread-safe.
 */
public interface Acknowledgements {

    /** A position at or after every event published so far. */
    long mark();

    /** Whether every event up to {@code mark} has been acknowledged. */
    boolean delivered(long mark);

    /** Waits up to {@code timeout} for {@link #delivered}; false if it is not by then. */
    boolean awaitDelivered(long mark, Duration timeout) throws InterruptedException;

    /** For a publisher that delivers as it is called (in-process): every mark is acknowledged at once. */
    static Acknowledgements immediate() {
        return new ImmediateAcknowledgements();
    }
}
