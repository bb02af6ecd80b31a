package io.github.frappemessenger.frappe.internal.site;

import io.github.frappemessenger.internal.LruMap;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * {@link LastMessageTimes#inJvm(int)}: conversation name → time, least recently used out beyond {@code capacity}
 * (a forgotten conversation is simply read from Frappe again). Right only while one process writes the site's
 * conversations. Thread-safe: every method holds the monitor.
 */
final class InJvmLastMessageTimes implements LastMessageTimes {
    private final Map<String, WrittenTime> times;

    InJvmLastMessageTimes(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.times = new LruMap<>(capacity);
    }

    @Override
    public synchronized Optional<WrittenTime> get(String conversation) {
        return Optional.ofNullable(times.get(conversation));
    }

    @Override
    public synchronized void forget(String conversation) {
        times.remove(conversation);
    }

    @Override
    public synchronized void record(String conversation, LocalDateTime time) {
        times.put(conversation, new WrittenTime(time));
    }

    @Override
    public synchronized void created(String conversation) {
        times.putIfAbsent(conversation, WrittenTime.NONE);
    }

    @Override
    public String toString() {
        return "LastMessageTimes.inJvm()";
    }
}
