package io.github.frappemessenger.frappe.internal.once;

import io.github.frappemessenger.internal.LruMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link MessageStates#rememberingLocally}: the shared records (Redis), plus a bounded copy in this JVM of the records
 * this process wrote. A read answers the shared record, unless the shared store has forgotten the message
 * ({@link MessageRecord#EMPTY}: a Redis restarted without persistence comes back empty) and this process remembers
 * it; then the remembered record stands, so that the states this process announced are not announced again when the
 * catch-up sweep or a retry meets them after Redis lost its data. Leases are the shared store's. Thread-safe.
 */
final class RememberingMessageStates implements MessageStates {
    private final MessageStates shared;
    private final Map<String, MessageRecord> remembered;

    RememberingMessageStates(MessageStates shared, int capacity) {
        this.shared = Objects.requireNonNull(shared, "shared");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.remembered = new LruMap<>(capacity);
    }

    @Override
    public <T> T exclusively(String name, Supplier<T> work) {
        return shared.exclusively(name, work);
    }

    @Override
    public MessageRecord read(String name) {
        MessageRecord record = shared.read(name);
        if (!record.equals(MessageRecord.EMPTY)) {
            return record;
        }
        synchronized (remembered) {
            return remembered.getOrDefault(name, MessageRecord.EMPTY);
        }
    }

    @Override
    public void write(String name, MessageRecord record) {
        shared.write(name, record);
        synchronized (remembered) {
            remembered.put(name, Objects.requireNonNull(record, "record"));
        }
    }

    @Override
    public String toString() {
        return shared + ", remembered locally";
    }
}
