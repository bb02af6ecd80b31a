package io.github.frappemessenger.jdbc.internal;

import io.github.frappemessenger.MessengerException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Turns a JDBC failure into a {@link MessengerException} that says whether a retry may help. Not part of the API. */
final class SqlFailures {
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    private SqlFailures() {
    }

    static MessengerException wrap(String doing, SQLException e) {
        return new MessengerException("database failure while " + doing + ": " + e.getMessage(), isTransient(e), e);
    }

    /** Connection lost or refused, deadlock or serialisation failure, lock wait timeout, database busy. */
    static boolean isTransient(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (s instanceof SQLTransientException || s instanceof SQLRecoverableException || isRetryable(s)) {
                return true;
            }
            String state = s.getSQLState();
            if (state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                    || state.equals("HYT00") || state.equals("HY000") && s.getErrorCode() == 1205)) {
                return true;
            }
        }
        return false;
    }

    /** A deadlock or serialisation failure (the whole transaction can be run again), or SQLite busy. */
    static boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        int code = e.getErrorCode() & 0xff;
        return state != null && (state.equals("40001") || state.equals("40P01"))
                || e.getErrorCode() == 1213 || e.getErrorCode() == 1205
                || e.getClass().getName().startsWith("org.sqlite") && (code == SQLITE_BUSY || code == SQLITE_LOCKED);
    }
}
