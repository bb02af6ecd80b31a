package io.github.frappemessenger.frappe.internal.journal;

import io.github.frappemessenger.internal.LogSafe;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One delivery made durable before it was answered: the doc event's hook name ({@code on_update}), the doc's DocType
 * and name (the key that keeps one doc's deliveries in arrival order), the verified body as received, when it
 * arrived, and its sequence number in the journal (increasing in arrival order, across restarts). The body is copied
 * in and out: immutable and thread-safe.
 */
public record JournalEntry(long seq, String event, String doctype, String name, Instant arrived, byte[] body) {

    public JournalEntry {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(doctype, "doctype");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arrived, "arrived");
        body = Objects.requireNonNull(body, "body").clone();
    }

    /** A copy of the body. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body length, without a copy. */
    public int bodyLength() {
        return body.length;
    }

    /** DocType and name: deliveries with the same key are processed one at a time, in {@link #seq} order. */
    public String docKey() {
        return docKey(doctype, name);
    }

    /** The {@link #docKey()} of the deliveries of doc {@code doctype} {@code name}. */
    public static String docKey(String doctype, String name) {
        return doctype + '\u0000' + name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JournalEntry e && seq == e.seq && event.equals(e.event) && doctype.equals(e.doctype)
                && name.equals(e.name) && arrived.equals(e.arrived) && Arrays.equals(body, e.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seq, event, doctype, name, arrived, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        // Logged as it is: the names come from a delivery, so control characters are escaped (no forged log lines).
        return "JournalEntry[#" + seq + " " + LogSafe.of(event) + " of " + LogSafe.of(doctype) + " " + LogSafe.of(name)
                + ", " + body.length + " bytes]";
    }
}
