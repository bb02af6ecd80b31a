package io.github.frappemessenger.testing;

import io.github.frappemessenger.embedded.InMemoryConversationStore;
import io.github.frappemessenger.embedded.InMemoryMessageStore;
import io.github.frappemessenger.port.ConversationStore;
import io.github.frappemessenger.port.MessageStore;

/**
 * The stores a test runs on, so that one test class can run against every store (the in-memory ones here, the
 * JDBC ones in messenger-jdbc). {@link #close} removes what the kit created.
 */
public interface StoreKit extends AutoCloseable {

    ConversationStore conversations();

    MessageStore messages();

    /** How many conversations the store holds. */
    int conversationCount();

    @Override
    default void close() {
    }

    static StoreKit inMemory() {
        InMemoryConversationStore conversations = new InMemoryConversationStore();
        InMemoryMessageStore messages = new InMemoryMessageStore();
        return new StoreKit() {
            @Override
            public ConversationStore conversations() {
                return conversations;
            }

            @Override
            public MessageStore messages() {
                return messages;
            }

            @Override
            public int conversationCount() {
                return conversations.size();
            }

            @Override
            public String toString() {
                return "in-memory";
            }
        };
    }
}
