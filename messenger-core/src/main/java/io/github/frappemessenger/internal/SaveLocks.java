package io.github.frappemessenger.internal;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises the saves of one message name in this process (striped: names that share a stripe wait for each other
 * too), so that the events of a name leave in the order of its writes. Thread-safe. Not part of the API.
 */
public final class SaveLocks {
    private static final int STRIPES = 64;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public SaveLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    public <T> T withLock(String name, Supplier<T> work) {
        ReentrantLock lock = locks[Math.floorMod(name.hashCode(), STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
