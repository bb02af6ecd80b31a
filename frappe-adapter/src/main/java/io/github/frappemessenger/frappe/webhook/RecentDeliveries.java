package io.github.frappemessenger.frappe.webhook;

import io.github.frappemessenger.internal.LruMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The deliveries processed lately, so that Frappe's retry of a delivery that did succeed (its answer came too late)
 * is not processed twice. Bounded: the least recently seen key is forgotten first. A delivery is remembered only once
 * it succeeded; while one is being processed, the same key is reported {@link ClaimOutcome#IN_PROGRESS}.
 *
 * <p>Thread-safe: every method holds this object's lock for O(1) work.
 */
final class RecentDeliveries {

    /** One delivery of one document state: the same doc saved again gets a new {@code modified}. */
    record Key(String doctype, String name, String modified, String event) {
    }

    enum ClaimOutcome {
        /** Not seen: the caller processes it and then calls {@link #succeeded} or {@link #failed}. */
        CLAIMED,
        /** Already processed successfully. */
        DONE,
        /** Being processed by another request right now. */
        IN_PROGRESS
    }

    private final Set<Key> inProgress = new HashSet<>();
    private final Map<Key, Boolean> done;

    RecentDeliveries(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the recent-deliveries capacity must be at least 1, got " + capacity);
        }
        this.done = new LruMap<>(capacity);
    }

    synchronized ClaimOutcome claim(Key key) {
        if (done.containsKey(key)) {
            done.get(key); // refreshes its place in the access order
            return ClaimOutcome.DONE;
        }
        return inProgress.add(key) ? ClaimOutcome.CLAIMED : ClaimOutcome.IN_PROGRESS;
    }

    synchronized void succeeded(Key key) {
        inProgress.remove(key);
        done.put(key, Boolean.TRUE);
    }

    /** Forgets a claimed key, so that Frappe's retry is processed. */
    synchronized void failed(Key key) {
        inProgress.remove(key);
    }

    synchronized int size() {
        return done.size();
    }
}
