package io.github.frappemessenger.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.github.frappemessenger.MessengerException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The pool, the transaction of the current thread, and the JSON text of docs. A store call made inside
 * {@link #inTransaction} joins that transaction; made outside, it is a transaction of its own. A transaction that
 * meets a deadlock or a serialisation failure (or SQLite busy) is run again, a few times, from the start.
 * {@link #close} refuses new transactions, waits (up to {@value #CLOSE_WAIT_S} s) for those running to end, then
 * closes the pool: a connection closed under a running transaction would keep an SQLite file locked for whoever opens
 * it next. Thread-safe. Not part of the API.
 */
public final class Database implements AutoCloseable {
    private static final int ATTEMPTS = 8;
    static final int CLOSE_WAIT_S = 10;
    private static final TypeReference<LinkedHashMap<String, Object>> DOC = new TypeReference<>() {
    };

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final String prefix;
    private final ObjectMapper json = new ObjectMapper();
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    /** Read side: a transaction is running; write side: closing. */
    private final ReadWriteLock running = new ReentrantReadWriteLock();
    private volatile boolean closed;

    public Database(HikariDataSource pool, Dialect dialect, String prefix) {
        this.pool = pool;
        this.dialect = dialect;
        this.prefix = prefix;
    }

    /** Work on the connection of the current transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The table of that name with this store's prefix. */
    public String table(String name) {
        return prefix + name;
    }

    public HikariDataSource pool() {
        return pool;
    }

    /** Runs {@code work} in the current transaction, or in a new one (committed when it returns). */
    public <T> T sql(String doing, SqlWork<T> work) {
        Connection open = current.get();
        if (open != null) {
            try {
                return work.run(open);
            } catch (SQLException e) {
                throw SqlFailures.wrap(doing, e);
            }
        }
        return inTransaction(doing, () -> sql(doing, work));
    }

    /** Runs {@code work} in one transaction; joins the current one if there is one. */
    public <T> T inTransaction(String doing, Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS || !SqlFailures.isRetryable(e)) {
                    throw SqlFailures.wrap(doing, e);
                }
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !retryable(e)) {
                    throw e;
                }
            }
            pause(attempt);
        }
    }

    private <T> T once(Supplier<T> work) throws SQLException {
        if (closed) {
            throw new IllegalStateException("the JDBC messenger store is closed");
        }
        running.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the JDBC messenger store is closed");
            }
            return onConnection(work);
        } finally {
            running.readLock().unlock();
        }
    }

    private <T> T onConnection(Supplier<T> work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            current.set(c);
            try {
                T result = work.get();
                commit(c);
                return result;
            } catch (RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } catch (SQLException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                current.remove();
            }
        }
    }

    /**
     * sqlite-jdbc's {@code commit()} begins the next transaction at once, which in IMMEDIATE mode takes the write
     * lock again — waiting for any other writer — and holds it until the connection goes back to the pool. Turning
     * auto-commit on ends the transaction without beginning another.
     */
    private void commit(Connection c) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            c.setAutoCommit(true);
        } else {
            c.commit();
        }
    }

    private static boolean retryable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s && SqlFailures.isRetryable(s)) {
                return true;
            }
        }
        return false;
    }

    private static void rollbackQuietly(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessengerException("interrupted while retrying a transaction", true, e);
        }
    }

    public String write(Map<String, ?> doc) {
        try {
            return json.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the doc as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public Map<String, Object> read(@Nullable String text) {
        try {
            return text == null ? new LinkedHashMap<>() : json.readValue(text, DOC);
        } catch (JsonProcessingException e) {
            throw new MessengerException("a stored doc is not JSON: " + e.getOriginalMessage(), false, e);
        }
    }

    @Override
    public void close() {
        closed = true;
        boolean idle = false;
        try {
            idle = running.writeLock().tryLock(CLOSE_WAIT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            pool.close();
        } finally {
            if (idle) {
                running.writeLock().unlock();
            }
        }
    }
}
