package io.github.frappemessenger.jdbc;

import io.github.frappemessenger.jdbc.internal.Database;
import io.github.frappemessenger.model.MessageDirection;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.MessageStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * Messenger Messages in a SQL table: the whole doc as JSON text, plus the columns of the unread count
 * (conversation, direction, is_read), which an index covers so that {@link #countUnread} never scans the table.
 * Thread-safe.
 */
public final class JdbcMessageStore implements MessageStore {
    private final Database db;
    private final String table;

    JdbcMessageStore(Database db) {
        this.db = db;
        this.table = db.table("message");
    }

    @Override
    public long countUnread(String conversationName) {
        return db.sql("counting unread messages", c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM " + table
                    + " WHERE conversation = ? AND direction = ? AND is_read = 0")) {
                q.setString(1, conversationName);
                q.setString(2, MessageDirection.INCOMING.wireName());
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public void linkConversation(String messageName, String conversationName) {
        db.inTransaction("linking a message to its conversation", () -> {
            MessengerMessage stored = get(messageName).orElseThrow(
                    () -> new IllegalArgumentException("Messenger Message " + messageName + " not found"));
            save(stored.withConversation(conversationName));
            return null;
        });
    }

    /** Inside a save's transaction, locks the row until the commit: saves of one name follow one another. */
    @Override
    public Optional<MessengerMessage> get(String name) {
        return db.sql("reading a message", c -> {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT doc FROM " + table + " WHERE name = ?" + db.dialect().forUpdate())) {
                q.setString(1, name);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(MessengerMessage.fromDoc(db.read(rs.getString(1))))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public void save(MessengerMessage message) {
        if (message.name() == null || message.name().isBlank()) {
            throw new IllegalArgumentException("a stored Messenger Message needs a name");
        }
        db.sql("writing a message", c -> {
            try (PreparedStatement upsert = c.prepareStatement(db.dialect().upsertMessage(table))) {
                upsert.setString(1, message.name());
                upsert.setString(2, message.conversation());
                upsert.setString(3, message.messageDirection());
                upsert.setInt(4, message.isRead() ? 1 : 0);
                upsert.setString(5, db.write(message.toDoc()));
                return upsert.executeUpdate();
            }
        });
    }

    public int size() {
        return db.sql("counting messages", c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM " + table);
                    ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
