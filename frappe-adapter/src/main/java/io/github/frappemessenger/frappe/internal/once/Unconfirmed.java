package io.github.frappemessenger.frappe.internal.once;

import io.github.frappemessenger.internal.LruMap;
import java.util.Map;

/**
 * The announcements this process made whose events were not acknowledged yet, one per message (the latest): what
 * was announced ({@link StateFingerprint}) and the publisher's mark after its events. A retry finds it and waits for
 * the same events instead of announcing again. Bounded: the least recently used are forgotten first, and forgetting
 * one only means that its state is announced again (twice, never lost). Thread-safe.
 */
final class Unconfirmed {
    /** An announcement waiting for its acknowledgement. */
    record Pending(String fingerprint, long mark) {
    }

    private final Map<String, Pending> pending;

    Unconfirmed(int capacity) {
        this.pending = new LruMap<>(capacity);
    }

    synchronized Pending get(String name) {
        return pending.get(name);
    }

    synchronized void put(String name, Pending p) {
        pending.put(name, p);
    }

    synchronized void remove(String name) {
        pending.remove(name);
    }

    synchronized int size() {
        return pending.size();
    }
}
