package io.github.frappemessenger.frappe.internal.webhook;

/**
 * Thrown by the bridge's on_update handler when {@code MessengerLifecycle.onUpdate} reports a failed outcome (the
 * failure is already in the Error Log as "Messenger Update Error"). The {@link WebhookHandler} answers it with 503, so
 * that Frappe's Webhook Request Log shows it and Frappe tries the delivery again. The cause is the lifecycle's
 * failure.
 */
public final class UpdateFailedException extends RuntimeException {
    private final String messageName;

    public UpdateFailedException(String messageName, RuntimeException cause) {
        this("Messenger Update Error", "Messenger Message", messageName, cause);
    }

    /** A failed on_update of another DocType, e.g. "Messenger Conversation Update Error" of a conversation. */
    public UpdateFailedException(String title, String doctype, String name, RuntimeException cause) {
        super(title + " for " + doctype + " " + name + ": " + describe(cause), cause);
        this.messageName = name;
    }

    /** The name of the doc (a Messenger Message, or a conversation) whose on_update failed. */
    public String messageName() {
        return messageName;
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown failure";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
