package io.github.frappemessenger.lifecycle;

/**
 * A Messenger Message whose provider {@code message_id} on its {@code platform} is already stored under another
 * name: a provider's retry (Meta delivers at least once). Validate refuses it, so it is neither stored nor announced
 * and moves neither the conversation nor its unread count.
 */
public final class DuplicateMessageException extends MessengerValidationException {
    private final String originalName;

    public DuplicateMessageException(String messageName, String platform, String messageId, String originalName) {
        super(messageName, "message_id '" + messageId + "' on " + platform + " is already stored as "
                + originalName + " (a provider retry); it is not saved or announced again");
        this.originalName = originalName;
    }

    /** The stored message that carries the same provider id. */
    public String originalName() {
        return originalName;
    }
}
