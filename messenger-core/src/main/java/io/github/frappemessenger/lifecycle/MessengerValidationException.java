package io.github.frappemessenger.lifecycle;

/** A Messenger Message that {@code validate} refuses; like a Frappe ValidationError, it aborts the save. */
public final class MessengerValidationException extends RuntimeException {
    private final String messageName;

    public MessengerValidationException(String messageName, String reason) {
        super("Messenger Message " + (messageName == null ? "(new)" : messageName) + ": " + reason);
        this.messageName = messageName;
    }

    public String messageName() {
        return messageName;
    }
}
