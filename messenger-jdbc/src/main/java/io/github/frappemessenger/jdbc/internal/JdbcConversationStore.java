package io.github.frappemessenger.jdbc.internal;

import io.github.frappemessenger.ConversationNotFoundException;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.port.ConversationStore;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Messenger Conversations in a SQL table with a unique key on (platform, sender_id): however many threads or
 * processes ask at once, one sender has one conversation. The whole doc (custom fields too) is kept as JSON text.
 * Thread-safe.
 */
public final class JdbcConversationStore implements ConversationStore {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final String table;

    public JdbcConversationStore(Database db) {
        this.db = db;
        this.table = db.table("conversation");
    }

    @Override
    public MessengerConversation findOrCreate(String platform, String senderId) {
        return db.sql("finding or creating the conversation of a sender", c -> {
            Optional<MessengerConversation> known = bySender(c, platform, senderId);
            if (known.isPresent()) {
                return known.get(); // the usual case: one read, no write
            }
            MessengerConversation fresh = MessengerConversation.start(newName(), platform, senderId);
            try (PreparedStatement insert = c.prepareStatement(db.dialect().insertConversationIfAbsent(table))) {
                insert.setString(1, fresh.name());
                insert.setString(2, platform);
                insert.setString(3, senderId);
                insert.setString(4, db.write(fresh.toDoc()));
                insert.executeUpdate();
            }
            return bySender(c, platform, senderId).orElseThrow(() -> new IllegalStateException(
                    "the conversation of a sender was neither created nor found"));
        });
    }

    @Override
    public Optional<MessengerConversation> find(String platform, String senderId) {
        return db.sql("finding the conversation of a sender", c -> bySender(c, platform, senderId));
    }

    @Override
    public Optional<MessengerConversation> get(String conversationName) {
        return db.sql("reading a conversation", c -> byName(c, conversationName, ""));
    }

    /** Locks the conversation's row until the commit, so that saves of one conversation follow one another. */
    @Override
    public MessengerConversation recordLastMessage(String conversationName, String message, LocalDateTime time) {
        return db.sql("recording a conversation's last message", c -> {
            MessengerConversation stored = byName(c, conversationName, db.dialect().forUpdate())
                    .orElseThrow(() -> new ConversationNotFoundException(conversationName));
            if (!stored.acceptsAsLastMessage(time)) {
                return stored;
            }
            MessengerConversation updated = stored.withLastMessage(message, time);
            try (PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET doc = ? WHERE name = ?")) {
                update.setString(1, db.write(updated.toDoc()));
                update.setString(2, conversationName);
                update.executeUpdate();
            }
            return updated;
        });
    }

    /**
     * Locks the conversation's row until the commit, as {@link #recordLastMessage} does, and writes the changed doc.
     * A row whose block flag and status were never seen ({@link JdbcConversationStates}: one stored before migration
     * V4) takes the stored doc's as seen, so the save's on_update compares with the doc before it, as Frappe's
     * {@code has_value_changed} does, and does not announce again a status that an earlier release announced.
     */
    @Override
    public MessengerConversation update(String conversationName, UnaryOperator<MessengerConversation> change) {
        return db.sql("saving a conversation", c -> {
            MessengerConversation stored = byName(c, conversationName, db.dialect().forUpdate())
                    .orElseThrow(() -> new ConversationNotFoundException(conversationName));
            MessengerConversation updated = change.apply(stored);
            // seen_status first: MariaDB assigns left to right and would otherwise read the new seen_block_chat.
            try (PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET doc = ?,"
                    + " seen_status = CASE WHEN seen_block_chat IS NULL THEN ? ELSE seen_status END,"
                    + " seen_block_chat = COALESCE(seen_block_chat, ?) WHERE name = ?")) {
                update.setString(1, db.write(updated.toDoc()));
                update.setString(2, stored.status());
                update.setInt(3, stored.blockChat() ? 1 : 0);
                update.setString(4, conversationName);
                update.executeUpdate();
            }
            return updated;
        });
    }

    /** Every conversation, oldest first. */
    public List<MessengerConversation> all() {
        return db.sql("listing conversations", c -> {
            List<MessengerConversation> all = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT doc FROM " + table + " ORDER BY seq");
                    ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    all.add(MessengerConversation.fromDoc(db.read(rs.getString(1))));
                }
            }
            return all;
        });
    }

    public int size() {
        return db.sql("counting conversations", c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM " + table);
                    ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private Optional<MessengerConversation> bySender(Connection c, String platform, String senderId)
            throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT doc FROM " + table + " WHERE platform = ? AND sender_id = ?")) {
            q.setString(1, platform);
            q.setString(2, senderId);
            return one(q);
        }
    }

    private Optional<MessengerConversation> byName(Connection c, String name, String lock) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT doc FROM " + table + " WHERE name = ?" + lock)) {
            q.setString(1, name);
            return one(q);
        }
    }

    private Optional<MessengerConversation> one(PreparedStatement q) throws SQLException {
        try (ResultSet rs = q.executeQuery()) {
            return rs.next() ? Optional.of(MessengerConversation.fromDoc(db.read(rs.getString(1)))) : Optional.empty();
        }
    }

    /** Random like Frappe's hash names, so that two processes never pick the same one. */
    private static String newName() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "CONV-" + HexFormat.of().formatHex(bytes);
    }
}
