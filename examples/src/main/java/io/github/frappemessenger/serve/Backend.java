package io.github.frappemessenger.serve;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.Messenger;
import io.github.frappemessenger.embedded.InMemoryConversationStore;
import io.github.frappemessenger.jdbc.JdbcMessengerStore;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.MessageStore;
import io.github.frappemessenger.port.RealtimePublisher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The messenger behind {@code serve} and what the API reads: in memory by default, or the JDBC stores of
 * {@code --db URL} (then the events of a save are published after its commit, and events a crash left in the
 * outbox go out on start).
 */
final class Backend implements InboxQueries, AutoCloseable {
    private static final TypeReference<Map<String, Object>> DOC = new TypeReference<>() {
    };

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
        ObjectMapper mapper = new ObjectMapper();
        return new Backend(m, store.messages(), new InboxQueries() {
            @Override
            public List<MessengerConversation> conversations() {
                return store.allConversations();
            }

            @Override
            public List<MessengerMessage> messages(String conversationName) {
                List<MessengerMessage> list = new ArrayList<>();
                try (Connection c = store.dataSource().getConnection();
                     PreparedStatement q = c.prepareStatement(
                             "SELECT doc FROM " + store.table("message") + " WHERE conversation = ?")) {
                    q.setString(1, conversationName);
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            list.add(MessengerMessage.fromDoc(mapper.readValue(rs.getString(1), DOC)));
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("reading the messages of a conversation failed: " + e.getMessage());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                list.sort(MemoryMessages.OLDEST_FIRST);
                return list;
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
