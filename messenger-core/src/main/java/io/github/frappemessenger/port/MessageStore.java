package io.github.frappemessenger.port;

/** What the lifecycle needs to know about stored Messenger Messages. Implementations are thread-safe. */
public interface MessageStore {

    /** Messages of that conversation with {@code message_direction} = Incoming and {@code is_read} = 0. */
    long countUnread(String conversationName);
}
