package io.github.frappemessenger.frappe.internal.once;

import io.github.frappemessenger.MessengerException;

/**
 * {@code MessengerLifecycle.onUpdate} reported a failed outcome for a message state (the failure is already in the
 * Error Log as "Messenger Update Error"); the state is not recorded as announced, so a retry or the catch-up sweep
 * announces it later. Transient. The cause is the lifecycle's failure.
 */
public final class AnnounceFailedException extends MessengerException {
    private static final long serialVersionUID = 1L;

    private final String messageName;

    public AnnounceFailedException(String messageName, RuntimeException cause) {
        super("could not announce Messenger Message " + messageName, true, cause);
        this.messageName = messageName;
    }

    public String messageName() {
        return messageName;
    }
}
