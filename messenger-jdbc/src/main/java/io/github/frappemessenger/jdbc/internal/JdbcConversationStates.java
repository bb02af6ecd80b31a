package io.github.frappemessenger.jdbc.internal;

import io.github.frappemessenger.ConversationNotFoundException;
import io.github.frappemessenger.port.ConversationStates;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;

/**
 * The last seen block flag and status of each conversation, in the {@code seen_block_chat} and {@code seen_status}
 * columns of its row (migration V4), exchanged in the save's transaction: the read locks the row (a conversation save
 * already holds it), so of two processes saving the same change the second finds the first's state and announces
 * nothing, and a rolled-back save leaves the state it found. A NULL {@code seen_block_chat} is a conversation never
 * seen. Thread-safe. Not part of the API.
 *
 * <p>{@link #current} stays empty: the lifecycle lays it over the conversation doc of a message's events, which this
 * store reads in the save's transaction after locking the row, and every state exchanged here was committed with its
 * doc in one transaction, so that doc is never older than a state announced. Reading the columns would cost every
 * message save a query and change nothing.
 */
public final class JdbcConversationStates implements ConversationStates {
    private final Database db;
    private final String read;
    private final String write;

    public JdbcConversationStates(Database db) {
        this.db = db;
        String table = db.table("conversation");
        this.read = "SELECT seen_block_chat, seen_status FROM " + table + " WHERE name = ?" + db.dialect().forUpdate();
        this.write = "UPDATE " + table + " SET seen_block_chat = ?, seen_status = ? WHERE name = ?";
    }

    @Override
    public Optional<State> exchange(String conversation, State state) {
        return db.sql("exchanging a conversation's last seen state", c -> {
            Optional<State> before = locked(c, conversation);
            try (PreparedStatement update = c.prepareStatement(write)) {
                update.setInt(1, state.blocked() ? 1 : 0);
                if (state.status() == null) {
                    update.setNull(2, Types.VARCHAR);
                } else {
                    update.setString(2, state.status());
                }
                update.setString(3, conversation);
                update.executeUpdate();
            }
            return before;
        });
    }

    private Optional<State> locked(Connection c, String conversation) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(read)) {
            q.setString(1, conversation);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new ConversationNotFoundException(conversation);
                }
                int blocked = rs.getInt(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(new State(blocked != 0, rs.getString(2)));
            }
        }
    }
}
