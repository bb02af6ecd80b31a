package io.github.frappemessenger;

/**
 * A Messenger Conversation that a save refers to is not in the store (deleted or renamed meanwhile). Transient: a
 * retry looks the sender's conversation up again, and creates it if it is really gone.
 */
public class ConversationNotFoundException extends MessengerException {
    private static final long serialVersionUID = 1L;

    private final String conversationName;

    public ConversationNotFoundException(String conversationName) {
        super("Messenger Conversation " + conversationName + " not found (deleted or renamed); try again", true);
        this.conversationName = conversationName;
    }

    public String conversationName() {
        return conversationName;
    }
}
