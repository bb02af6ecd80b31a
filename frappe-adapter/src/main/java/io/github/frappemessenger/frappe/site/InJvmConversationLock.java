package io.github.frappemessenger.frappe.site;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * {@link ConversationLock#inJvm()}: 256 striped {@link ReentrantLock}s, a key guarding its stripe. Waits without a
 * bound, as a holder's work is bounded by the REST client's timeouts. Thread-safe; one process only.
 */
final class InJvmConversationLock implements ConversationLock {
    private static final int STRIPES = 256;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    InJvmConversationLock() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    @Override
    public <T> T withLock(String key, Supplier<T> action) {
        ReentrantLock lock = stripes[Math.floorMod(key.hashCode(), STRIPES)];
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "ConversationLock.inJvm()";
    }
}
