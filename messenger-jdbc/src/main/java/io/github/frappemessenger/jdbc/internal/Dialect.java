package io.github.frappemessenger.jdbc.internal;

/**
 * What differs between the databases the stores run on: the migration folder, the upsert forms, row locks. Not part
 * of the API.
 */
public enum Dialect {
    POSTGRESQL("postgresql"),
    MARIADB("mariadb"),
    SQLITE("sqlite");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:")) {
            return MARIADB;
        }
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        throw new IllegalArgumentException("unsupported database URL; use jdbc:postgresql://HOST/DB, "
                + "jdbc:mariadb://HOST/DB or jdbc:sqlite:FILE");
    }

    /** Flyway's location of this database's migrations. */
    public String migrations() {
        return "classpath:io/github/frappemessenger/jdbc/migration/" + folder;
    }

    /** Inserts a conversation unless one of its (platform, sender_id) exists; never fails on that duplicate. */
    public String insertConversationIfAbsent(String table) {
        String columns = " (name, platform, sender_id, doc) VALUES (?, ?, ?, ?)";
        return switch (this) {
            case POSTGRESQL, SQLITE -> "INSERT INTO " + table + columns + " ON CONFLICT (platform, sender_id) DO NOTHING";
            case MARIADB -> "INSERT INTO " + table + columns + " ON DUPLICATE KEY UPDATE name = name";
        };
    }

    /**
     * Inserts or replaces a message by name. On MariaDB this is the insert only: its ON DUPLICATE KEY UPDATE would
     * also fire on the (platform, message_id) key and overwrite another message, so the store updates first there
     * ({@link #updateMessage}).
     */
    public String upsertMessage(String table) {
        String insert = "INSERT INTO " + table + " (name, conversation, direction, is_read, platform, message_id, doc)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
        return switch (this) {
            case POSTGRESQL, SQLITE -> insert + " ON CONFLICT (name) DO UPDATE SET conversation = excluded.conversation,"
                    + " direction = excluded.direction, is_read = excluded.is_read, platform = excluded.platform,"
                    + " message_id = excluded.message_id, doc = excluded.doc";
            case MARIADB -> insert;
        };
    }

    /**
     * Inserts a message whose name the transaction read as absent. On PostgreSQL and SQLite a row of that name
     * inserted meanwhile makes it write nothing ({@code ON CONFLICT (name) DO NOTHING}; the (platform, message_id)
     * key still refuses a duplicate); on MariaDB the primary key refuses it.
     */
    public String insertMessage(String table) {
        String insert = "INSERT INTO " + table + " (name, conversation, direction, is_read, platform, message_id, doc)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
        return this == MARIADB ? insert : insert + " ON CONFLICT (name) DO NOTHING";
    }

    /** The update by name, with the parameters in the insert's order (name last is moved first by the store). */
    public String updateMessage(String table) {
        return "UPDATE " + table + " SET conversation = ?, direction = ?, is_read = ?, platform = ?, message_id = ?,"
                + " doc = ? WHERE name = ?";
    }

    /** Whether the failure is a unique key refusing a duplicate. */
    public boolean isUniqueViolation(java.sql.SQLException e) {
        String state = e.getSQLState();
        return "23505".equals(state) || e.getErrorCode() == 1062
                || this == SQLITE && (e.getErrorCode() & 0xff) == 19 && String.valueOf(e.getMessage()).contains("UNIQUE");
    }

    /**
     * A read that locks the rows it reads until the commit. SQLite has no row locks: its transactions take the
     * database's write lock when they begin (see {@link Database}), which serialises them instead.
     */
    public String forUpdate() {
        return this == SQLITE ? "" : " FOR UPDATE";
    }
}
