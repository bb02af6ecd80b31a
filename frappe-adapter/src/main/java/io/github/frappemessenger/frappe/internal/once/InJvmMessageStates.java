package io.github.frappemessenger.frappe.internal.once;

import io.github.frappemessenger.internal.LruMap;
import io.github.frappemessenger.internal.StripedLocks;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link MessageStates#inJvm}: records in a bounded map (least recently used forgotten first) and 256 striped locks of
 * its own (never shared with the conversation locks, which are taken inside them). Waits without a bound, as a
 * holder's work is bounded by the REST client's timeouts. Thread-safe; one process only.
 */
final class InJvmMessageStates implements MessageStates {
    private static final int STRIPES = 256;

    private final StripedLocks stripes = new StripedLocks(STRIPES);
    private final Map<String, MessageRecord> records;

    InJvmMessageStates(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.records = new LruMap<>(capacity);
    }

    @Override
    public <T> T exclusively(String name, Supplier<T> work) {
        return stripes.withLock(name, work);
    }

    @Override
    public synchronized MessageRecord read(String name) {
        return records.getOrDefault(name, MessageRecord.EMPTY);
    }

    @Override
    public synchronized void write(String name, MessageRecord record) {
        records.put(name, Objects.requireNonNull(record, "record"));
    }

    @Override
    public String toString() {
        return "MessageStates.inJvm()";
    }
}
