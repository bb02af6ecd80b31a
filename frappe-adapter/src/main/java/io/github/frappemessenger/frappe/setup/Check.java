package io.github.frappemessenger.frappe.setup;

import java.util.Objects;

/**
 * One line of a {@link SiteReport}: what was checked, how it stands, and one line of detail a Frappe admin can act on.
 * The detail never holds a secret or a control character (they are replaced by spaces). Immutable.
 */
public record Check(String name, Status status, String detail) {

    /** How a checked item stands. */
    public enum Status {
        /** Present and as the messenger needs it. */
        READY("ready"),
        /** Was missing; setup created it just now. */
        CREATED("created"),
        /** Usable, but worth a look (an optional field missing, a second Webhook to the same place). */
        WARNING("warning"),
        /** Missing or wrong; the detail says what to do. */
        NOT_READY("not-ready"),
        /** Could not be checked or made: Frappe refused or did not answer. */
        FAILED("failed");

        private final String word;

        Status(String word) {
            this.word = word;
        }

        /** The word printed in front of the line. */
        public String word() {
            return word;
        }

        /** Whether this status lets the messenger run (ready, created, warning). */
        public boolean isReady() {
            return this == READY || this == CREATED || this == WARNING;
        }
    }

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        detail = oneLine(detail == null ? "" : detail);
    }

    public static Check ready(String name, String detail) {
        return new Check(name, Status.READY, detail);
    }

    public static Check created(String name, String detail) {
        return new Check(name, Status.CREATED, detail);
    }

    public static Check warning(String name, String detail) {
        return new Check(name, Status.WARNING, detail);
    }

    public static Check notReady(String name, String detail) {
        return new Check(name, Status.NOT_READY, detail);
    }

    public static Check failed(String name, String detail) {
        return new Check(name, Status.FAILED, detail);
    }

    /** {@code "ready      doctype Messenger Message: 12 fields present"}. */
    public String line() {
        return String.format("%-10s %s: %s", status.word(), name, detail);
    }

    static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return out.toString().strip();
    }
}
