package io.github.frappemessenger.internal;

import java.util.function.UnaryOperator;

/**
 * Values from outside (doc names, doctypes, {@code modified}, Frappe's and Redis's error texts) made safe to log: every
 * control character is escaped, so a doc named {@code "x\n[main] ERROR forged"} is logged as one line,
 * {@code x\n[main] ERROR forged}, and can never start a line of its own. Escaped: C0 controls ({@code \n}, {@code \r},
 * {@code \t} by name, the others as {@code \}{@code u00XX}), DEL, the C1 controls and the Unicode line and paragraph
 * separators. Every other character, backslash included, is kept. Stateless and thread-safe.
 */
public final class LogSafe {
    private static final int MAX_CAUSES = 16;

    private LogSafe() {
    }

    /** {@code value}'s text with control characters escaped; {@code "null"} for null. */
    public static String of(Object value) {
        String text = String.valueOf(value);
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (unsafe(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * A copy of {@code failure} for the log: the same class name (in the message), stack traces and causes, with every
     * message escaped as {@link #of} does (and, first, passed through {@code redaction}, e.g. to mask a secret).
     */
    public static Throwable failure(Throwable failure, UnaryOperator<String> redaction) {
        return copy(failure, redaction, 0);
    }

    /** {@link #failure(Throwable, UnaryOperator)} with no redaction. */
    public static Throwable failure(Throwable failure) {
        return copy(failure, UnaryOperator.identity(), 0);
    }

    private static Throwable copy(Throwable failure, UnaryOperator<String> redaction, int depth) {
        if (failure == null || depth >= MAX_CAUSES) {
            return null;
        }
        Throwable cause = failure.getCause() == failure ? null : copy(failure.getCause(), redaction, depth + 1);
        String message = failure.getMessage() == null ? null : of(redaction.apply(failure.getMessage()));
        LoggedFailure copy = new LoggedFailure(failure.getClass().getName() + (message == null ? "" : ": " + message),
                cause);
        copy.setStackTrace(failure.getStackTrace());
        for (Throwable suppressed : failure.getSuppressed()) {
            Throwable safe = copy(suppressed, redaction, depth + 1);
            if (safe != null) {
                copy.addSuppressed(safe);
            }
        }
        return copy;
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (unsafe(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }

    /** The copy: its message already names the original class, so it prints only that. */
    private static final class LoggedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LoggedFailure(String message, Throwable cause) {
            super(message, cause, true, true);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
