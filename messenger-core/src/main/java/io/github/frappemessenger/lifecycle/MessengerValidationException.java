package io.github.frappemessenger.lifecycle;

import io.github.frappemessenger.MessengerException;
import org.jspecify.annotations.Nullable;

/**
 * A Messenger Message that {@code validate} refuses; like a Frappe ValidationError, it aborts the save. Never
 * transient: the same doc is refused again (a webhook answers 422).
 */
public class MessengerValidationException extends MessengerException {
    private static final long serialVersionUID = 1L;

    private final @Nullable String messageName;

    public MessengerValidationException(@Nullable String messageName, String reason) {
        super("Messenger Message " + (messageName == null ? "(new)" : messageName) + ": " + reason, false);
        this.messageName = messageName;
    }

    public @Nullable String messageName() {
        return messageName;
    }
}
