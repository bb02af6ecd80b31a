package io.github.frappemessenger.jdbc.internal;

import io.github.frappemessenger.event.MessengerEvent;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.event.Room;
import io.github.frappemessenger.internal.EventDecoder;
import io.github.frappemessenger.port.TransactionalOutbox;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional outbox on SQL: the events of a save are rows written in the save's transaction. After the
 * commit the saving thread publishes them and deletes the rows ({@link OutboxDeletes}); no lock is shared by the
 * savers. What a crash or a failing publisher leaves behind goes out with a sweep: every {@value #SWEEP_SECONDS} s at
 * most, a save of this process locks the one {@code relay_lock} row (one sweep at a time, in every process) and
 * publishes, oldest first, the rows that were already there at its previous sweep — so never a save's that is being
 * published right now — and deletes them. {@link #relay} does the same for every row, at once. Thread-safe. Not part
 * of the API.
 */
public final class JdbcOutbox implements TransactionalOutbox {
    private static final Logger log = LoggerFactory.getLogger(JdbcOutbox.class);
    private static final int BATCH = 500;

    private final Database db;
    private final String table;
    private final String lock;
    private final OutboxDeletes deletes;
    private final boolean returning;
    private final EventDecoder decoder = new EventDecoder();
    private final ReentrantLock sweeping = new ReentrantLock();
    private final long sweepNanos;
    private volatile long nextSweep = System.nanoTime();
    /** Rows up to this id were pending at the previous sweep; guarded by {@link #sweeping}. */
    private long watermark;

    public JdbcOutbox(Database db, Duration sweepInterval) {
        this.db = db;
        this.sweepNanos = sweepInterval.toNanos();
        this.table = db.table("outbox");
        this.lock = db.dialect() == Dialect.SQLITE
                ? "UPDATE " + db.table("relay_lock") + " SET id = id WHERE id = 1"
                : "SELECT id FROM " + db.table("relay_lock") + " WHERE id = 1 FOR UPDATE";
        this.deletes = new OutboxDeletes(db);
        this.returning = db.dialect() != Dialect.MARIADB
                || db.sql("reading the server's version", c -> isMariaDbWithReturning(c.getMetaData()));
    }

    /** MariaDB has {@code INSERT … RETURNING} since 10.5; MySQL, which the same URLs reach, has not. */
    private static boolean isMariaDbWithReturning(DatabaseMetaData server) throws SQLException {
        int major = server.getDatabaseMajorVersion();
        return server.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("mariadb")
                && (major > 10 || major == 10 && server.getDatabaseMinorVersion() >= 5);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return db.inTransaction("saving a message", work);
    }

    /**
     * One multi-row {@code INSERT … RETURNING id} where the database has it (PostgreSQL, SQLite, MariaDB 10.5+): one
     * round trip, and the ids of exactly these rows. Elsewhere (MySQL) a batch of single-row inserts, whose driver
     * hands back one generated id per statement.
     */
    @Override
    public List<Long> add(List<RealtimeEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        int rows = returning ? events.size() : 1;
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (event, room, payload) VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
        }
        return db.sql("writing events to the outbox", c -> {
            List<Long> ids = new ArrayList<>(events.size());
            try (PreparedStatement insert = returning ? c.prepareStatement(sql.append(" RETURNING id").toString())
                    : c.prepareStatement(sql.toString(), Statement.RETURN_GENERATED_KEYS)) {
                int p = 1;
                for (RealtimeEvent e : events) {
                    insert.setString(p++, e.event().eventName());
                    insert.setString(p++, e.room().name());
                    insert.setString(p++, db.write(e.event().payload()));
                    if (!returning) {
                        insert.addBatch();
                        p = 1;
                    }
                }
                if (!returning) {
                    insert.executeBatch();
                }
                try (ResultSet keys = returning ? insert.executeQuery() : insert.getGeneratedKeys()) {
                    while (keys.next()) {
                        ids.add(keys.getLong(1));
                    }
                }
            }
            if (ids.size() != events.size()) {
                throw new IllegalStateException("the database returned " + ids.size() + " ids for " + events.size()
                        + " events");
            }
            return ids;
        });
    }

    @Override
    public void forget(List<Long> ids) {
        if (!ids.isEmpty()) {
            deletes.delete(ids);
        }
    }

    @Override
    public int relay(Consumer<List<RealtimeEvent>> publish) {
        return relayUpTo(Long.MAX_VALUE, publish);
    }

    @Override
    public int sweep(Consumer<List<RealtimeEvent>> publish) {
        long now = System.nanoTime();
        if (now - nextSweep < 0 || !sweeping.tryLock()) {
            return 0;
        }
        try {
            nextSweep = now + sweepNanos;
            int swept = watermark > 0 ? relayUpTo(watermark, publish) : 0;
            if (swept > 0) {
                log.info("published {} events that an earlier save left in the outbox", swept);
            }
            watermark = db.sql("reading the outbox's newest id", this::newestId);
            return swept;
        } finally {
            sweeping.unlock();
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

    private int relayUpTo(long lastId, Consumer<List<RealtimeEvent>> publish) {
        int total = 0;
        while (true) {
            int n = db.inTransaction("relaying events from the outbox", () -> db.sql("relaying events",
                    c -> relayBatch(c, lastId, publish)));
            total += n;
            if (n < BATCH) {
                return total;
            }
        }
    }

    private int relayBatch(Connection c, long lastId, Consumer<List<RealtimeEvent>> publish) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(lock)) {
            q.execute();
        }
        List<Long> ids = new ArrayList<>();
        List<RealtimeEvent> events = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT id, event, room, payload FROM " + table + " WHERE id <= ? ORDER BY id LIMIT " + BATCH)) {
            q.setLong(1, lastId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    decode(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)).ifPresent(events::add);
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        if (!events.isEmpty()) {
            publish.accept(events);
        }
        deletes.deleteNow(c, ids);
        return ids.size();
    }

    private long newestId(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT MAX(id) FROM " + table);
                ResultSet rs = q.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0; // 0 (SQL NULL) when empty
        }
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
