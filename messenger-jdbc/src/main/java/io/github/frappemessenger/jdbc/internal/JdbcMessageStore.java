package io.github.frappemessenger.jdbc.internal;

import io.github.frappemessenger.lifecycle.DuplicateMessageException;
import io.github.frappemessenger.model.MessageDirection;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.MessageStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Messenger Messages in a SQL table: the whole doc as JSON text, plus the columns of the unread count
 * (conversation, direction, is_read), which an index covers so that {@link #countUnread} never scans the table.
 * Thread-safe.
 */
public final class JdbcMessageStore implements MessageStore {
    /** A conversation's messages as a chat shows them: by timestamp (none last), then by name. */
    private static final Comparator<MessengerMessage> OLDEST_FIRST = Comparator
            .comparing(MessengerMessage::timestamp, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(MessengerMessage::name);

    private final Database db;
    private final String table;
    /**
     * The name the last {@link #get} of this thread found absent, until the {@link #save} that follows: that save is
     * an insert, and if its insert meets the name, another transaction inserted it since, and the save runs again
     * from the start (as an update of that message) instead of overwriting it.
     */
    private final ThreadLocal<String> readAbsent = new ThreadLocal<>();

    public JdbcMessageStore(Database db) {
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
                    if (rs.next()) {
                        readAbsent.remove();
                        return Optional.of(MessengerMessage.fromDoc(db.read(rs.getString(1))));
                    }
                    readAbsent.set(name);
                    return Optional.empty();
                }
            }
        });
    }

    /**
     * @throws DuplicateMessageException when another stored message carries the same (platform, message_id): the
     *     unique key refuses it, also when two processes write it at the same moment
     */
    @Override
    public void save(MessengerMessage message) {
        if (message.name() == null || message.name().isBlank()) {
            throw new IllegalArgumentException("a stored Messenger Message needs a name");
        }
        String messageId = message.messageId() == null || message.messageId().isBlank() ? null : message.messageId();
        boolean insert = message.name().equals(readAbsent.get());
        readAbsent.remove();
        db.sql("writing a message", c -> {
            try {
                if (db.dialect() == Dialect.MARIADB && !insert && update(c, message, messageId) > 0) {
                    return 1;
                }
                String sql = insert ? db.dialect().insertMessage(table) : db.dialect().upsertMessage(table);
                try (PreparedStatement write = c.prepareStatement(sql)) {
                    write.setString(1, message.name());
                    bind(write, 2, message, messageId);
                    if (write.executeUpdate() == 0) {
                        throw insertedMeanwhile(message.name(), null); // ON CONFLICT (name) DO NOTHING met it
                    }
                    return 1;
                }
            } catch (SQLException e) {
                if (messageId != null && db.dialect().isUniqueViolation(e) && !isNameViolation(e)) {
                    throw new DuplicateMessageException(message.name(), message.platform(), messageId,
                            "another message");
                }
                if (isNameViolation(e)) {
                    throw insertedMeanwhile(message.name(), e);
                }
                throw e;
            }
        });
    }

    /**
     * Another transaction inserted this name between our read and our insert: a serialisation failure, so that the
     * whole save runs again (a few times at most), reads the row and becomes its update.
     */
    private static SQLException insertedMeanwhile(String name, SQLException cause) {
        return new SQLTransactionRollbackException("Messenger Message " + name
                + " was inserted by another transaction at the same moment; the save runs again", "40001", cause);
    }

    private int update(Connection c, MessengerMessage message, String messageId) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(db.dialect().updateMessage(table))) {
            bind(update, 1, message, messageId);
            update.setString(7, message.name());
            return update.executeUpdate();
        }
    }

    private void bind(PreparedStatement q, int first, MessengerMessage message, String messageId)
            throws SQLException {
        q.setString(first, message.conversation());
        q.setString(first + 1, message.messageDirection());
        q.setInt(first + 2, message.isRead() ? 1 : 0);
        q.setString(first + 3, messageId == null ? null : message.platform());
        q.setString(first + 4, messageId);
        q.setString(first + 5, db.write(message.toDoc()));
    }

    /** Two processes inserting one new name at once (MariaDB's plain insert): not a provider duplicate. */
    private static boolean isNameViolation(SQLException e) {
        return String.valueOf(e.getMessage()).contains("PRIMARY");
    }

    @Override
    public Optional<String> nameByMessageId(String platform, String messageId) {
        return db.sql("finding a message by its provider id", c -> {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT name FROM " + table + " WHERE platform = ? AND message_id = ?")) {
                q.setString(1, platform);
                q.setString(2, messageId);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * The messages of that conversation, oldest first; read through the store's transactions, so a closed (or
     * closing) store refuses it rather than racing its pool. The conversation prefix of the unread index finds them.
     */
    public List<MessengerMessage> ofConversation(String conversationName) {
        List<MessengerMessage> found = db.sql("reading a conversation's messages", c -> {
            List<MessengerMessage> list = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT doc FROM " + table + " WHERE conversation = ?")) {
                q.setString(1, conversationName);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        list.add(MessengerMessage.fromDoc(db.read(rs.getString(1))));
                    }
                }
            }
            return list;
        });
        found.sort(OLDEST_FIRST);
        return found;
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
