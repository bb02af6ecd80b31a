package io.github.frappemessenger.frappe.site;

/**
 * The conversation a message was about to be written to is no longer on the site (deleted or renamed in the desk).
 * Transient: the store has forgotten it, so a retry (Frappe's, after the webhook's 503) finds or creates the
 * sender's conversation afresh. Not an {@link IllegalArgumentException}: the webhook's input was fine.
 */
public final class ConversationGoneException extends IllegalStateException {
    private final String conversationName;

    public ConversationGoneException(String conversationName) {
        super("Messenger Conversation " + conversationName + " not found (deleted or renamed); try again");
        this.conversationName = conversationName;
    }

    public String conversationName() {
        return conversationName;
    }
}
