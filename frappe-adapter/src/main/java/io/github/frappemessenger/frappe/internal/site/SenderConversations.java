package io.github.frappemessenger.frappe.internal.site;

import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.rest.ListQuery;
import io.github.frappemessenger.internal.LogSafe;
import io.github.frappemessenger.model.MessengerConversation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search and the insert behind {@link FrappeConversationStore#findOrCreate}, which calls {@link #create} under
 * the sender's lock. Frappe has no unique index on (platform, sender_id), so after an insert the sender's
 * conversations are read again: should two exist (a lock that expired, a process without the lock), the oldest by
 * {@code creation} wins, and the caller that inserted the newer one deletes it. The re-read is left out only when the
 * lock proves this holder was alone from its search to its insert's answer ({@link LockLease#soleHolder()}: a Redis
 * lock whose lease had not run out, taken while no earlier holder was still at work); then no other insert can have
 * come in between. Thread-safe: it holds only thread-safe collaborators.
 */
final class SenderConversations {
    static final List<String> FIELDS = List.of("name", "sender_id", "platform", "last_message", "last_message_time",
            "block_chat", "status");
    private static final String DOCTYPE = MessengerConversation.DOCTYPE;
    private static final Logger log = LoggerFactory.getLogger(FrappeConversationStore.class);

    private final FrappeClient frappe;
    private final ConversationCache cache;
    private final LastMessageTimes times;

    SenderConversations(FrappeClient frappe, ConversationCache cache, LastMessageTimes times) {
        this.frappe = frappe;
        this.cache = cache;
        this.times = times;
    }

    /**
     * The oldest conversation of the sender, by a list query; its name is cached. The list gives only
     * {@link #FIELDS}, so the cached whole doc is returned instead when fresh.
     */
    Optional<MessengerConversation> search(String platform, String senderId) {
        List<Map<String, Object>> rows = frappe.getList(bySender(platform, senderId, 1));
        Optional<MessengerConversation> found = rows.stream().findFirst().map(MessengerConversation::fromDoc);
        found.ifPresent(c -> cache.rememberName(platform, senderId, c.name()));
        return found.map(c -> cache.fresh(c.name()).orElse(c));
    }

    /**
     * Inserts the sender's conversation; the caller holds the sender's lock, whose {@code lease} it passes, and found
     * none.
     */
    MessengerConversation create(String platform, String senderId, LockLease lease) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("sender_id", senderId);
        doc.put("platform", platform);
        MessengerConversation ours = MessengerConversation.fromDoc(frappe.insert(DOCTYPE, doc));
        if (lease.soleHolder()) { // asked after the insert answered: nobody else can have inserted meanwhile
            return keep(platform, senderId, ours);
        }
        // Were the lock bypassed or expired, or an earlier holder still at work, another insert may have come in.
        List<Map<String, Object>> rows = frappe.getList(bySender(platform, senderId, 2));
        MessengerConversation oldest = rows.isEmpty() ? ours : MessengerConversation.fromDoc(rows.get(0));
        if (rows.size() > 1) {
            log.warn("found two Messenger Conversations of one sender on {}: keeping the oldest, {}, over {}",
                    LogSafe.of(platform), LogSafe.of(oldest.name()),
                    LogSafe.of(MessengerConversation.fromDoc(rows.get(1)).name()));
            if (!oldest.name().equals(ours.name())) {
                deleteDuplicate(ours.name());
            }
        }
        if (!oldest.name().equals(ours.name())) {
            cache.rememberName(platform, senderId, oldest.name());
            return oldest;
        }
        return keep(platform, senderId, ours);
    }

    /** Our insert is the sender's conversation: cached whole (the insert's answer is the whole doc). */
    private MessengerConversation keep(String platform, String senderId, MessengerConversation ours) {
        cache.rememberName(platform, senderId, ours.name());
        cache.put(ours);
        // Still under the sender's lock, so no other caller knows this name yet: it has no last message.
        times.created(ours.name());
        return ours;
    }

    private void deleteDuplicate(String name) {
        try {
            frappe.delete(DOCTYPE, name);
        } catch (RuntimeException e) {
            log.warn("could not delete the duplicate Messenger Conversation {}: {}", LogSafe.of(name),
                    LogSafe.of(e.getMessage()));
        }
    }

    static ListQuery bySender(String platform, String senderId, int limit) {
        return ListQuery.builder(DOCTYPE)
                .fields(FIELDS)
                .where("sender_id", "=", senderId)
                .where("platform", "=", platform)
                .orderBy("creation asc")
                .limitPageLength(limit)
                .build();
    }
}
