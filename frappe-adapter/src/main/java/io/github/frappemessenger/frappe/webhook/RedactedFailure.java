package io.github.frappemessenger.frappe.webhook;

import java.util.function.UnaryOperator;

/**
 * A copy of a failure, for the log, whose messages (its own and its causes') went through a redaction: the stack
 * traces stay, a secret quoted in a message does not. Immutable once built.
 */
final class RedactedFailure extends RuntimeException {
    private static final int MAX_CAUSES = 16;

    private RedactedFailure(String message, Throwable cause) {
        super(message, cause, false, true);
    }

    static Throwable of(Throwable failure, UnaryOperator<String> redaction) {
        return copy(failure, redaction, 0);
    }

    private static Throwable copy(Throwable failure, UnaryOperator<String> redaction, int depth) {
        if (failure == null || depth >= MAX_CAUSES) {
            return null;
        }
        Throwable cause = failure.getCause() == failure ? null : copy(failure.getCause(), redaction, depth + 1);
        String message = failure.getMessage() == null ? null : redaction.apply(failure.getMessage());
        RedactedFailure copy = new RedactedFailure(
                failure.getClass().getName() + (message == null ? "" : ": " + message), cause);
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    /** The original class is part of the message, so print only that. */
    @Override
    public String toString() {
        return getMessage();
    }
}
