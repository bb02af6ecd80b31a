package io.github.frappemessenger.port;

import io.github.frappemessenger.model.MessengerMessage;
import java.util.Optional;

/** What the lifecycle needs of the stored Messenger Messages. Implementations are thread-safe. */
public interface MessageStore {

    /** Messages of that conversation with {@code message_direction} = Incoming and {@code is_read} = 0. */
    long countUnread(String conversationName);

    /**
     * Writes the {@code conversation} link of a message that is already stored. Used where validate runs after the
     * write (a webhook fires after it): the link found for the message must reach the stored doc.
     */
    void linkConversation(String messageName, String conversationName);

    /**
     * The stored message of that name. Needed by {@link io.github.frappemessenger.Messenger}, which runs the save
     * pipeline itself; a store behind a site that saves on its own (Frappe) may leave it out.
     */
    default Optional<MessengerMessage> get(String name) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot read whole messages");
    }

    /** Inserts or replaces the message of that name (it has one). Needed by {@code Messenger}, as {@link #get}. */
    default void save(MessengerMessage message) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot write whole messages");
    }

    /**
     * The name of the stored message that carries the provider's {@code message_id} on {@code platform}, if any:
     * validate refuses a second message with the same pair (a provider's retry). A store that cannot answer
     * returns empty, and duplicates are then not detected.
     */
    default Optional<String> nameByMessageId(String platform, String messageId) {
        return Optional.empty();
    }
}
