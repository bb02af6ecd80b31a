package io.github.frappemessenger.lifecycle;

import io.github.frappemessenger.MessengerException;
import io.github.frappemessenger.internal.LogSafe;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * How a failure is told in a log: an outage (anything caused by I/O, or a transient MessengerException: a site or Redis that does not answer) in one
 * line, since its stack trace says nothing the line does not and an outage repeats for every message; anything else
 * (a bug) with its stack trace, once.
 */
final class FailureText {
    private FailureText() {
    }

    /** True when I/O or a transient MessengerException lies anywhere in the cause chain. */
    static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException
                    || (t instanceof MessengerException m && m.isTransient())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The failure and the causes that add something, in one line without control characters. */
    static String oneLine(Throwable failure) {
        StringBuilder line = new StringBuilder(describe(failure));
        int depth = 0;
        for (Throwable t = failure.getCause(); t != null && depth < 5; t = t.getCause(), depth++) {
            String message = t.getMessage();
            if (message != null && !line.toString().contains(message)) {
                line.append(" (").append(describe(t)).append(')');
            }
        }
        return LogSafe.of(line);
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
