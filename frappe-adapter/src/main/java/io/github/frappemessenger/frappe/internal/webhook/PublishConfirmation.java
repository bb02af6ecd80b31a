package io.github.frappemessenger.frappe.internal.webhook;

import io.github.frappemessenger.frappe.internal.once.Acknowledgements;
import io.github.frappemessenger.frappe.internal.once.ImmediateAcknowledgements;

/**
 * Tells {@link DurableDeliveries} when the realtime events of a processed delivery have really left the process, so
 * that a delivery is marked done in the journal only then: events still in an in-memory buffer die with the process.
 * Marks are positions in the publisher's stream of events ({@link Acknowledgements}): {@link #mark()} read after a
 * delivery's events were published is at or after the last of them. Implementations must be thread-safe.
 */
public interface PublishConfirmation extends Acknowledgements {

    /**
     * Whether new events can be taken now (the sender is alive and has room). While not, deliveries are journaled
     * and wait, rather than being processed into events that would be refused or dropped.
     */
    boolean ready();

    /** For a publisher that delivers as it is called (in-process): every mark is delivered at once, always ready. */
    static PublishConfirmation immediate() {
        final class Immediate extends ImmediateAcknowledgements implements PublishConfirmation {
            @Override
            public boolean ready() {
                return true;
            }
        }
        return new Immediate();
    }
}
