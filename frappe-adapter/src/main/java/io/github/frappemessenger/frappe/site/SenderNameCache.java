package io.github.frappemessenger.frappe.site;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * (platform, sender_id) → conversation name, least recently used first out beyond {@code capacity}. A conversation's
 * name never changes, so an entry stays right until that conversation is deleted or renamed, which the store notices
 * as a 404 and then forgets the entry. Thread-safe (every method holds the monitor; each is O(1) but
 * {@link #forgetName}, O(size), used only after a 404).
 */
final class SenderNameCache {
    private record Sender(String platform, String senderId) {
    }

    private final Map<Sender, String> names;

    SenderNameCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.names = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Sender, String> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized String get(String platform, String senderId) {
        return names.get(new Sender(platform, senderId));
    }

    synchronized void put(String platform, String senderId, String name) {
        if (platform != null && senderId != null && name != null) {
            names.put(new Sender(platform, senderId), name);
        }
    }

    /** Forgets the entry of this sender if it still names {@code name} (another thread may have replaced it). */
    synchronized void forget(String platform, String senderId, String name) {
        names.remove(new Sender(platform, senderId), name);
    }

    /** Forgets every sender whose conversation was {@code name}. */
    synchronized void forgetName(String name) {
        names.values().removeIf(name::equals);
    }

    synchronized int size() {
        return names.size();
    }
}
