package io.github.frappemessenger.frappe.internal.site;

import io.github.frappemessenger.internal.StripedLocks;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * {@link ConversationLock#inJvm()}: 256 striped {@link ReentrantLock}s, a key guarding its stripe. Waits without a
 * bound, as a holder's work is bounded by the REST client's timeouts. Thread-safe; one process only.
 */
final class InJvmConversationLock implements ConversationLock {
    private static final int STRIPES = 256;

    private final StripedLocks stripes = new StripedLocks(STRIPES);

    @Override
    public <T> T withLock(String key, Supplier<T> action) {
        return stripes.withLock(key, action);
    }

    @Override
    public String toString() {
        return "ConversationLock.inJvm()";
    }
}
