package io.github.frappemessenger.jdbc;

import io.github.frappemessenger.port.ConversationStore;
import io.github.frappemessenger.port.MessageStore;
import io.github.frappemessenger.fixtures.StoreKit;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;

/**
 * One store per database for a test class (opening one runs the migrations, which takes seconds on a busy server):
 * each test gets it emptied, and {@link #dropAll} removes the tables at the end.
 */
final class SharedStores {
    private record Opened(String url, String prefix, JdbcMessengerStore store) {
    }

    private final Map<TestDatabase, Opened> open = new EnumMap<>(TestDatabase.class);

    synchronized StoreKit emptyStore(TestDatabase database) {
        Opened o = open.computeIfAbsent(database, d -> {
            String url = d.newUrl();
            String prefix = TestDatabase.newPrefix();
            return new Opened(url, prefix, TestDatabase.open(url, prefix));
        });
        empty(o.store());
        return new StoreKit() {
            @Override
            public ConversationStore conversations() {
                return o.store().conversations();
            }

            @Override
            public MessageStore messages() {
                return o.store().messages();
            }

            @Override
            public int conversationCount() {
                return StoreRows.conversations(o.store()).size();
            }

            @Override
            public String toString() {
                return database.name();
            }
        };
    }

    synchronized void dropAll() {
        open.values().forEach(o -> {
            o.store().close();
            TestDatabase.drop(o.url(), o.prefix());
        });
        open.clear();
    }

    private static void empty(JdbcMessengerStore store) {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : new String[] {"message", "conversation", "outbox"}) {
                s.execute("DELETE FROM " + store.table(table));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the test tables", e);
        }
    }
}
