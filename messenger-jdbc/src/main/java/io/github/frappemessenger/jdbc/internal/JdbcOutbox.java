package io.github.frappemessenger.jdbc.internal;

import io.github.frappemessenger.event.MessengerEvent;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.event.Room;
import io.github.frappemessenger.internal.EventDecoder;
import io.github.frappemessenger.port.TransactionalOutbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional outbox on SQL: the events of a save are rows written in the save's transaction; the relay
 * locks one row (so one relay at a time runs, in every process), publishes the pending rows oldest first and deletes
 * them in the same transaction. A crash after the commit of a save and before the relay's commit leaves the rows
 * for the next relay: at least once, in order per conversation (saves of one conversation lock its row, so their
 * rows are numbered in commit order). Thread-safe. Not part of the API.
 */
public final class JdbcOutbox implements TransactionalOutbox {
    private static final Logger log = LoggerFactory.getLogger(JdbcOutbox.class);
    private static final int BATCH = 500;

    private final Database db;
    private final String table;
    private final String lock;
    private final EventDecoder decoder = new EventDecoder();

    public JdbcOutbox(Database db) {
        this.db = db;
        this.table = db.table("outbox");
        this.lock = db.dialect() == Dialect.SQLITE
                ? "UPDATE " + db.table("relay_lock") + " SET id = id WHERE id = 1"
                : "SELECT id FROM " + db.table("relay_lock") + " WHERE id = 1 FOR UPDATE";
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return db.inTransaction("saving a message", work);
    }

    @Override
    public void add(List<RealtimeEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        db.sql("writing events to the outbox", c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO " + table + " (event, room, payload) VALUES (?, ?, ?)")) {
                for (RealtimeEvent e : events) {
                    insert.setString(1, e.event().eventName());
                    insert.setString(2, e.room().name());
                    insert.setString(3, db.write(e.event().payload()));
                    insert.addBatch();
                }
                return insert.executeBatch();
            }
        });
    }

    @Override
    public int relay(Consumer<List<RealtimeEvent>> publish) {
        int total = 0;
        while (true) {
            int n = db.inTransaction("relaying events from the outbox", () -> db.sql("relaying events",
                    c -> relayBatch(c, publish)));
            total += n;
            if (n < BATCH) {
                return total;
            }
        }
    }

    /** How many events are waiting to be published. */
    public int pending() {
        return db.sql("counting pending events", c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM " + table);
                    ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private int relayBatch(Connection c, Consumer<List<RealtimeEvent>> publish) throws SQLException {
        if (db.dialect() == Dialect.POSTGRESQL) {
            // Losing the relay's deletes in a crash only publishes those events again (at least once anyway), so
            // its commit need not wait for the disk.
            try (PreparedStatement q = c.prepareStatement("SET LOCAL synchronous_commit TO OFF")) {
                q.execute();
            }
        }
        try (PreparedStatement q = c.prepareStatement(lock)) {
            q.execute();
        }
        List<Long> ids = new ArrayList<>();
        List<RealtimeEvent> events = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT id, event, room, payload FROM " + table + " ORDER BY id LIMIT " + BATCH);
                ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
                decode(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)).ifPresent(events::add);
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        if (!events.isEmpty()) {
            publish.accept(events);
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            for (long id : ids) {
                delete.setLong(1, id);
                delete.addBatch();
            }
            delete.executeBatch();
        }
        return ids.size();
    }

    /** An event this version cannot read (a newer writer's, or damaged) is logged and dropped, not retried forever. */
    private Optional<RealtimeEvent> decode(long id, String name, String room, String payload) {
        try {
            Optional<MessengerEvent> event = decoder.decode(name, db.read(payload));
            if (event.isEmpty()) {
                log.error("outbox event {} has an unknown name; dropped", id);
            }
            return event.map(e -> new RealtimeEvent(e, new Room(room)));
        } catch (RuntimeException e) {
            log.error("outbox event {} ({}) cannot be read; dropped", id, name, e);
            return Optional.empty();
        }
    }
}
