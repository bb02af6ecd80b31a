package io.github.frappemessenger.jdbc.internal;

import io.github.frappemessenger.ConversationNotFoundException;
import io.github.frappemessenger.port.ConversationVersions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Event versions counted in the {@code version} column of the conversation's row, in the save's transaction: the
 * update locks the row (a save already holds it from moving the last message), so every process on the database
 * draws from one counter, and the versions of a rolled-back save are handed out again. Thread-safe. Not part of the
 * API.
 */
public final class JdbcConversationVersions implements ConversationVersions {
    private final Database db;
    private final String bump;
    private final String read;

    public JdbcConversationVersions(Database db) {
        this.db = db;
        String table = db.table("conversation");
        String update = "UPDATE " + table + " SET version = version + ? WHERE name = ?";
        // PostgreSQL and SQLite (3.35+) answer the new value with the update; MariaDB has no UPDATE ... RETURNING.
        this.bump = db.dialect() == Dialect.MARIADB ? update : update + " RETURNING version";
        this.read = "SELECT version FROM " + table + " WHERE name = ?";
    }

    @Override
    public long next(String conversation, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        long last = db.sql("numbering a conversation's events", c -> bump(c, conversation, count));
        return last - count + 1;
    }

    private long bump(Connection c, String conversation, int count) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(bump)) {
            update.setInt(1, count);
            update.setString(2, conversation);
            if (db.dialect() != Dialect.MARIADB) {
                try (ResultSet rs = update.executeQuery()) {
                    return versionOf(rs, conversation);
                }
            }
            if (update.executeUpdate() == 0) {
                throw new ConversationNotFoundException(conversation);
            }
        }
        try (PreparedStatement q = c.prepareStatement(read)) {
            q.setString(1, conversation);
            try (ResultSet rs = q.executeQuery()) {
                return versionOf(rs, conversation);
            }
        }
    }

    private static long versionOf(ResultSet rs, String conversation) throws SQLException {
        if (!rs.next()) {
            throw new ConversationNotFoundException(conversation);
        }
        return rs.getLong(1);
    }
}
