package io.github.frappemessenger.frappe.internal.once;

import io.github.frappemessenger.MessengerException;

/**
 * A state's events were handed to the publisher but not acknowledged (by Redis) within {@link OncePerState}'s wait:
 * the state is not recorded as announced yet. Transient: a retry in the same process records it without announcing
 * again once the events are acknowledged; after a restart (the events died with the process) it is announced again.
 */
public final class AnnounceUnconfirmedException extends MessengerException {
    private static final long serialVersionUID = 1L;

    private final String messageName;

    public AnnounceUnconfirmedException(String messageName, String why) {
        super("the events of Messenger Message " + messageName + " were not acknowledged yet (" + why + ")", true);
        this.messageName = messageName;
    }

    public String messageName() {
        return messageName;
    }
}
