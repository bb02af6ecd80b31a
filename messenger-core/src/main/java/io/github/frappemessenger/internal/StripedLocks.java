package io.github.frappemessenger.internal;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A fixed set of locks picked by a key's hash: one lock per key in effect, in bounded memory (keys that share a
 * stripe wait for each other too). Thread-safe. Not part of the API.
 */
public final class StripedLocks {
    private final ReentrantLock[] locks;

    public StripedLocks(int stripes) {
        if (stripes < 1) {
            throw new IllegalArgumentException("stripes must be at least 1: " + stripes);
        }
        locks = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** The lock of {@code key}. */
    public ReentrantLock of(String key) {
        return locks[Math.floorMod(key.hashCode(), locks.length)];
    }

    /** Runs {@code work} holding the lock of {@code key}. */
    public <T> T withLock(String key, Supplier<T> work) {
        ReentrantLock lock = of(key);
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
