package io.github.frappemessenger.port;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/** Versions counted in this JVM from 1; right for one process. Thread-safe (an atomic counter per conversation). */
final class InJvmConversationVersions implements ConversationVersions {
    private final ConcurrentMap<String, AtomicLong> counters = new ConcurrentHashMap<>();

    @Override
    public long next(String conversation, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        return counters.computeIfAbsent(conversation, c -> new AtomicLong()).addAndGet(count) - count + 1;
    }
}
