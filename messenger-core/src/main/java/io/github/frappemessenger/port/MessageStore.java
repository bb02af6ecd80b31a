package io.github.frappemessenger.port;

/** What the lifecycle needs of the stored Messenger Messages. Implementations are thread-safe. */
public interface MessageStore {

    /** Messages of that conversation with {@code message_direction} = Incoming and {@code is_read} = 0. */
    long countUnread(String conversationName);

    /**
     * Writes the {@code conversation} link of a message that is already stored. Used where validate runs after the
     * write (a webhook fires after it): the link found for the message must reach the stored doc.
     */
    void linkConversation(String messageName, String conversationName);
}
