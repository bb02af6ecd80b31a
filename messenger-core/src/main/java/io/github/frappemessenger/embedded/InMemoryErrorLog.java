package io.github.frappemessenger.embedded;

import io.github.frappemessenger.port.ErrorLog;
import io.github.frappemessenger.port.ErrorLogEntry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Keeps the newest error log entries in memory (1,000 by default; older ones are dropped). Thread-safe. */
public final class InMemoryErrorLog implements ErrorLog {
    private final int capacity;
    private final Deque<ErrorLogEntry> entries = new ArrayDeque<>();

    public InMemoryErrorLog() {
        this(1_000);
    }

    public InMemoryErrorLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized void record(ErrorLogEntry entry) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    /** Oldest first. */
    public synchronized List<ErrorLogEntry> entries() {
        return List.copyOf(entries);
    }
}
