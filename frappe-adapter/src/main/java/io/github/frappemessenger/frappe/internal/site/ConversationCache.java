package io.github.frappemessenger.frappe.internal.site;

import io.github.frappemessenger.internal.FrappeDates;
import io.github.frappemessenger.model.MessengerConversation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What {@link FrappeConversationStore} remembers of a site's conversations, each map bounded to {@code capacity}
 * (least recently used out):
 * <ul>
 *   <li>(platform, sender_id) → conversation name, for as long as the entry lives: a name never changes, so an entry
 *   is dropped only when Frappe answers 404 for it (deleted or renamed);</li>
 *   <li>name → the whole doc as Frappe last answered it (a {@code GET} by name, an insert, a {@code PUT}: Frappe
 *   answers each with the whole doc), served while younger than {@code ttl}. Agents change a conversation in the
 *   desk ({@code block_chat}, {@code status}), so a served doc may be up to {@code ttl} behind.</li>
 * </ul>
 * A late answer never replaces a newer one: a doc whose {@code modified} is older than the cached doc's is ignored.
 * Thread-safe: every method holds the monitor; each is O(1) but {@link #forget}, O(size), used only after a 404.
 */
final class ConversationCache {
    private record Sender(String platform, String senderId) {
    }

    private record Cached(MessengerConversation doc, Instant storedAt) {
    }

    private final Map<Sender, String> names;
    private final Map<String, Cached> docs;
    private final Duration ttl;
    private final Clock clock;

    ConversationCache(int capacity, Duration ttl, Clock clock) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.names = bounded(capacity);
        this.docs = bounded(capacity);
        this.ttl = ttl;
        this.clock = clock;
    }

    synchronized String name(String platform, String senderId) {
        return names.get(new Sender(platform, senderId));
    }

    /** Remembers the sender's conversation (the oldest, when a search or an insert found it). */
    synchronized void rememberName(String platform, String senderId, String name) {
        if (platform != null && senderId != null && name != null) {
            names.put(new Sender(platform, senderId), name);
        }
    }

    /** The cached doc if younger than the TTL. */
    synchronized Optional<MessengerConversation> fresh(String name) {
        Cached cached = docs.get(name);
        if (cached == null || !clock.instant().isBefore(cached.storedAt().plus(ttl))) {
            return Optional.empty();
        }
        return Optional.of(cached.doc());
    }

    /**
     * Caches a whole doc as Frappe just answered it, unless the cached one is newer; also names the sender's
     * conversation if none is known (a known name stays: it is the oldest, should the sender have two).
     */
    synchronized void put(MessengerConversation doc) {
        if (doc.name() == null) {
            return;
        }
        Cached cached = docs.get(doc.name());
        if (cached != null && isOlder(doc, cached.doc())) {
            return;
        }
        docs.put(doc.name(), new Cached(doc, clock.instant()));
        if (doc.platform() != null && doc.senderId() != null) {
            names.putIfAbsent(new Sender(doc.platform(), doc.senderId()), doc.name());
        }
    }

    /**
     * Changes a cached doc as a write just changed it on the site, keeping the time it was read: the other fields are
     * still as old as that read. Does nothing when the doc is not cached.
     */
    synchronized void replaceKeepingAge(String name, UnaryOperator<MessengerConversation> change) {
        Cached cached = docs.get(name);
        if (cached != null) {
            docs.put(name, new Cached(change.apply(cached.doc()), cached.storedAt()));
        }
    }

    /** Forgets the entry of this sender if it still names {@code name} (another thread may have replaced it). */
    synchronized void forgetSender(String platform, String senderId, String name) {
        names.remove(new Sender(platform, senderId), name);
        docs.remove(name);
    }

    /** Forgets the doc {@code name} and every sender whose conversation it was. */
    synchronized void forget(String name) {
        docs.remove(name);
        names.values().removeIf(name::equals);
    }

    synchronized int senders() {
        return names.size();
    }

    private static boolean isOlder(MessengerConversation doc, MessengerConversation than) {
        LocalDateTime a = modified(doc);
        LocalDateTime b = modified(than);
        return a != null && b != null && a.isBefore(b);
    }

    private static LocalDateTime modified(MessengerConversation doc) {
        Object value = doc.extra().get("modified");
        try {
            return value == null ? null : FrappeDates.parse(value.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static <K, V> Map<K, V> bounded(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
