package io.github.frappemessenger.frappe.webhook;

import io.github.frappemessenger.MessengerException;
import io.github.frappemessenger.internal.LogSafe;
import java.io.IOException;
import java.io.UncheckedIOException;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * An outage (Frappe or Redis not answering: I/O, a Redis connection failure or a transient MessengerException in the
 * cause chain) is logged in one line: its stack trace adds nothing, and it repeats for every webhook while it lasts.
 */
final class OutageFailures {
    private OutageFailures() {
    }

    static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException || t instanceof JedisConnectionException
                    || (t instanceof MessengerException m && m.isTransient())) {
                return true;
            }
        }
        return false;
    }

    /** The failure's message and its causes' that add something, in one line without control characters. */
    static String oneLine(Throwable failure) {
        StringBuilder line = new StringBuilder(describe(failure));
        int depth = 0;
        for (Throwable t = failure.getCause(); t != null && depth < 5; t = t.getCause(), depth++) {
            if (t.getMessage() != null && !line.toString().contains(t.getMessage())) {
                line.append(" (").append(describe(t)).append(')');
            }
        }
        return LogSafe.of(line);
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
