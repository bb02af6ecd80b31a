package io.github.frappemessenger.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Deletes published outbox rows, several savers' at once: a caller queues its ids and, unless another caller is
 * deleting already, deletes everything queued in one statement, again while more arrives meanwhile. One saving
 * thread alone pays one statement per save; many share them. Thread-safe. Not part of the API.
 */
final class OutboxDeletes {
    private static final int MAX_IDS = 1_000;

    private final Database db;
    private final String table;
    private final ConcurrentLinkedQueue<Long> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean deleting = new AtomicBoolean();

    OutboxDeletes(Database db) {
        this.db = db;
        this.table = db.table("outbox");
    }

    /**
     * Deletes these rows (and whatever else is queued) before it returns — unless another caller is deleting, who
     * then takes them too. A failure leaves the rows in the table, where a sweep publishes them again.
     */
    void delete(List<Long> ids) {
        queued.addAll(ids);
        while (!queued.isEmpty() && deleting.compareAndSet(false, true)) {
            try {
                List<Long> batch = new ArrayList<>();
                for (Long id = queued.poll(); id != null; id = batch.size() < MAX_IDS ? queued.poll() : null) {
                    batch.add(id);
                }
                if (!batch.isEmpty()) {
                    db.inTransaction("deleting published events from the outbox", () -> db.sql(
                            "deleting published events from the outbox", c -> deleteNow(c, batch)));
                }
            } finally {
                deleting.set(false);
            }
        }
    }

    /** Deletes these rows in the caller's transaction. */
    int deleteNow(Connection c, List<Long> ids) throws SQLException {
        if (db.dialect() == Dialect.POSTGRESQL) {
            // A delete lost in a crash only publishes those events again (at least once anyway), so this commit
            // need not wait for the disk.
            try (PreparedStatement q = c.prepareStatement("SET LOCAL synchronous_commit TO OFF")) {
                q.execute();
            }
        }
        StringBuilder sql = new StringBuilder("DELETE FROM ").append(table).append(" WHERE id IN (");
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        try (PreparedStatement delete = c.prepareStatement(sql.append(')').toString())) {
            for (int i = 0; i < ids.size(); i++) {
                delete.setLong(i + 1, ids.get(i));
            }
            return delete.executeUpdate();
        }
    }
}
