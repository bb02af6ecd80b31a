package io.github.frappemessenger.serve;

import io.github.frappemessenger.Messenger;
import io.github.frappemessenger.embedded.InMemoryConversationStore;
import io.github.frappemessenger.jdbc.JdbcMessengerStore;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.MessageStore;
import io.github.frappemessenger.port.RealtimePublisher;
import java.util.List;

/**
 * The messenger behind {@code serve} and what the API reads: in memory by default, or the JDBC stores of
 * {@code --db URL} (then the events of a save are published after its commit, and events a crash left in the
 * outbox go out on start).
 */
final class Backend implements InboxQueries, AutoCloseable {
    private final Messenger messenger;
    private final MessageStore messages;
    private final InboxQueries queries;
    private final JdbcMessengerStore jdbc;

    private Backend(Messenger messenger, MessageStore messages, InboxQueries queries, JdbcMessengerStore jdbc) {
        this.messenger = messenger;
        this.messages = messages;
        this.queries = queries;
        this.jdbc = jdbc;
    }

    static Backend inMemory(RealtimePublisher publisher) {
        InMemoryConversationStore conversations = new InMemoryConversationStore();
        MemoryMessages messages = new MemoryMessages();
        Messenger m = Messenger.builder().conversationStore(conversations).messageStore(messages)
                .addPublisher(publisher).build();
        return new Backend(m, messages, new InboxQueries() {
            @Override
            public List<MessengerConversation> conversations() {
                return conversations.all();
            }

            @Override
            public List<MessengerMessage> messages(String conversationName) {
                return messages.ofConversation(conversationName);
            }
        }, null);
    }

    static Backend jdbc(String url, RealtimePublisher publisher) {
        JdbcMessengerStore store = JdbcMessengerStore.open(url);
        Messenger m = store.messenger().addPublisher(publisher).build();
        m.relayPending();
        return new Backend(m, store.messages(), new InboxQueries() {
            @Override
            public List<MessengerConversation> conversations() {
                return store.allConversations();
            }

            @Override
            public List<MessengerMessage> messages(String conversationName) {
                return store.messagesOf(conversationName); // under the store's close guard, as its saves
            }
        }, store);
    }

    Messenger messenger() {
        return messenger;
    }

    long unread(String conversationName) {
        return messages.countUnread(conversationName);
    }

    @Override
    public List<MessengerConversation> conversations() {
        return queries.conversations();
    }

    @Override
    public List<MessengerMessage> messages(String conversationName) {
        return queries.messages(conversationName);
    }

    @Override
    public void close() {
        if (jdbc != null) {
            jdbc.close();
        }
    }
}
