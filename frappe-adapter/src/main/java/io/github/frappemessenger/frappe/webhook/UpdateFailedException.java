package io.github.frappemessenger.frappe.webhook;

/**
 * Thrown by the bridge's on_update handler when {@code MessengerLifecycle.onUpdate} reports a failed outcome (the
 * failure is already in the Error Log as "Messenger Update Error"). The {@link WebhookHandler} answers it with 503, so
 * that Frappe's Webhook Request Log shows it and Frappe tries the delivery again. The cause is the lifecycle's
 * failure.
 */
public final class UpdateFailedException extends RuntimeException {
    private final String messageName;

    public UpdateFailedException(String messageName, RuntimeException cause) {
        super("Messenger Update Error for Messenger Message " + messageName + ": " + describe(cause), cause);
        this.messageName = messageName;
    }

    /** The name of the Messenger Message whose on_update failed. */
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
