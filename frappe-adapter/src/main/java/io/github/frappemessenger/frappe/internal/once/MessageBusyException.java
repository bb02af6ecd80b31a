package io.github.frappemessenger.frappe.internal.once;

import io.github.frappemessenger.MessengerException;

/**
 * Another holder (in this process or another bridge process) is working on the same message; transient: retry later
 * (a webhook answers 409).
 */
public final class MessageBusyException extends MessengerException {
    private static final long serialVersionUID = 1L;

    public MessageBusyException(String message, Throwable cause) {
        super(message, true, cause);
    }
}
