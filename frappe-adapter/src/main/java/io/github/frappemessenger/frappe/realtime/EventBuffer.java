package io.github.frappemessenger.frappe.realtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The emitter's bounded FIFO of event JSON texts (UTF-8, written on the publishing thread). The sender reads a batch from the head without removing it and
 * removes only what Redis acknowledged, so events in flight still count against the bound and nothing is lost
 * when a send fails. When full, new events are refused (the caller counts them as dropped). Thread-safe.
 */
final class EventBuffer {
    private final int capacity;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition changed = lock.newCondition();
    private boolean stopped;
    private long acceptedTotal; // events ever taken in; a position in the stream
    private long removedTotal; // events ever acknowledged and removed from the head

    EventBuffer(int capacity) {
        this.capacity = capacity;
    }

    /** Appends all of {@code texts}, in order, or none when they do not all fit; returns whether they were taken. */
    boolean offerAllOrNothing(List<byte[]> texts) {
        lock.lock();
        try {
            if (stopped || queue.size() + texts.size() > capacity) {
                return false;
            }
            queue.addAll(texts);
            acceptedTotal += texts.size();
            if (!texts.isEmpty()) {
                notEmpty.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Appends as many of {@code texts} as fit, in order; returns how many were taken. */
    int offerAll(List<byte[]> texts) {
        lock.lock();
        try {
            int taken = 0;
            for (byte[] text : texts) {
                if (queue.size() >= capacity) {
                    break;
                }
                queue.addLast(text);
                taken++;
            }
            acceptedTotal += taken;
            if (taken > 0) {
                notEmpty.signal();
            }
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until there is something to send and returns up to {@code max} texts from the head (still buffered),
     * or an empty list once {@link #stop()} was called.
     */
    List<byte[]> peekBatch(int max) throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty() && !stopped) {
                notEmpty.await();
            }
            if (stopped) {
                return List.of();
            }
            List<byte[]> batch = new ArrayList<>(Math.min(max, queue.size()));
            Iterator<byte[]> it = queue.iterator();
            while (batch.size() < max && it.hasNext()) {
                batch.add(it.next());
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Without waiting: up to {@code max} texts that follow the first {@code skip} (still buffered: the ones in
     * flight), or an empty list when there are none or {@link #stop()} was called.
     */
    List<byte[]> peekAfter(int skip, int max) {
        lock.lock();
        try {
            if (stopped || queue.size() <= skip) {
                return List.of();
            }
            List<byte[]> batch = new ArrayList<>(Math.min(max, queue.size() - skip));
            Iterator<byte[]> it = queue.iterator();
            for (int i = 0; i < skip; i++) {
                it.next();
            }
            while (batch.size() < max && it.hasNext()) {
                batch.add(it.next());
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Removes the first {@code n} texts, which Redis has acknowledged. */
    void removeSent(int n) {
        if (n <= 0) {
            return;
        }
        lock.lock();
        try {
            for (int i = 0; i < n; i++) {
                if (queue.pollFirst() != null) {
                    removedTotal++;
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The position after the last event taken in so far. */
    long acceptedTotal() {
        lock.lock();
        try {
            return acceptedTotal;
        } finally {
            lock.unlock();
        }
    }

    /** Whether every event up to position {@code mark} was acknowledged. */
    boolean sentUpTo(long mark) {
        lock.lock();
        try {
            return removedTotal >= mark;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every event up to {@code mark} was acknowledged; false if {@code timeout} passed first. */
    boolean awaitSentUpTo(long mark, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (removedTotal < mark) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    int capacity() {
        return capacity;
    }

    int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the buffer is empty; false if {@code timeout} passed first. */
    boolean awaitEmpty(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (!queue.isEmpty()) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Sleeps for a retry delay, waking early on {@link #stop()}; returns false if stopped. */
    boolean pause(Duration delay) throws InterruptedException {
        long nanos = delay.toNanos();
        lock.lock();
        try {
            while (!stopped && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            return !stopped;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the sender for good; whatever is still buffered stays (and is reported by the caller). */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            notEmpty.signalAll();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean stopped() {
        lock.lock();
        try {
            return stopped;
        } finally {
            lock.unlock();
        }
    }

    /** Empties the buffer and returns how many texts it held (the unsent remainder at shutdown). */
    int clear() {
        lock.lock();
        try {
            int n = queue.size();
            queue.clear();
            changed.signalAll();
            return n;
        } finally {
            lock.unlock();
        }
    }
}
