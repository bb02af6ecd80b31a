package io.github.frappemessenger.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The databases the tests run on: the machine's PostgreSQL and MariaDB (database {@code test}), and an SQLite file.
 * Each test's store gets its own table prefix, and {@link #drop} removes its tables, so parallel runs never meet.
 */
public enum TestDatabase {
    POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/test?user=postgres"),
    MARIADB("jdbc:mariadb://127.0.0.1:3306/test?user=root"),
    SQLITE(null);

    private static final String[] TABLES = {"conversation", "message", "outbox", "relay_lock", "schema_history"};

    private final String serverUrl;

    TestDatabase(String serverUrl) {
        this.serverUrl = serverUrl;
    }

    /** The URL to use; for SQLite a new file in a new temporary folder. */
    public String newUrl() {
        if (serverUrl != null) {
            return serverUrl;
        }
        try {
            Path dir = Files.createTempDirectory("messenger-jdbc-test");
            dir.toFile().deleteOnExit();
            return "jdbc:sqlite:" + dir.resolve("messenger.db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String newPrefix() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
    }

    public static JdbcMessengerStore open(String url, String prefix) {
        return JdbcMessengerStore.builder().url(url).tablePrefix(prefix).poolSize(20).open();
    }

    /** Drops the tables of that prefix (for SQLite the whole file goes with its folder). */
    public static void drop(String url, String prefix) {
        if (url.startsWith("jdbc:sqlite:")) {
            Path file = Path.of(url.substring("jdbc:sqlite:".length()));
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                file.resolveSibling(file.getFileName() + suffix).toFile().delete();
            }
            file.getParent().toFile().delete();
            return;
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                s.execute("DROP TABLE IF EXISTS " + prefix + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the test tables " + prefix + "*", e);
        }
    }
}
