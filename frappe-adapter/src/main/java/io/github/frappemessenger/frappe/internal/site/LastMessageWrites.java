package io.github.frappemessenger.frappe.internal.site;

import io.github.frappemessenger.frappe.internal.rest.BulkUpdate;
import io.github.frappemessenger.frappe.internal.site.LastMessageTimes.WrittenTime;
import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.rest.FrappeException;
import io.github.frappemessenger.frappe.site.ConversationGoneException;
import io.github.frappemessenger.internal.FrappeDates;
import io.github.frappemessenger.internal.LogSafe;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writes of a conversation's last message, under the lock of the conversation and never backwards (see
 * {@link LastMessageTimes} for the protocol): alone, as one {@code PUT} whose answer is the saved doc, or together
 * with a message's {@code conversation} link, as one {@code frappe.client.bulk_update} (the bridge's after_insert:
 * one round trip instead of two, issue 13). Thread-safe.
 */
final class LastMessageWrites {
    static final String DOCTYPE = MessengerConversation.DOCTYPE;
    private static final Logger log = LoggerFactory.getLogger(FrappeConversationStore.class);

    private final FrappeClient frappe;
    private final ConversationLock lock;
    private final ConversationCache cache;
    private final LastMessageTimes times;

    LastMessageWrites(FrappeClient frappe, ConversationLock lock, ConversationCache cache, LastMessageTimes times) {
        this.frappe = frappe;
        this.lock = lock;
        this.cache = cache;
        this.times = times;
    }

    /** {@link FrappeConversationStore#recordLastMessage}: one {@code PUT} when the time moves forward. */
    MessengerConversation record(String name, String message, LocalDateTime time) {
        return lock.withLock(FrappeConversationStore.conversationKey(name), () -> {
            MessengerConversation read = null;
            WrittenTime last = times.get(name).orElse(null);
            if (last == null) {
                read = read(name).orElseThrow(() -> new ConversationGoneException(name));
                last = new WrittenTime(read.lastMessageTime());
                times.record(name, last.time());
            }
            if (!last.accepts(time)) {
                return read != null ? read : asItStands(name, last);
            }
            times.forget(name); // a write that fails half-way leaves the time unknown, never older
            MessengerConversation updated = put(name, message, time);
            times.record(name, updated.lastMessageTime());
            return updated;
        });
    }

    /**
     * Links {@code messageName} to {@code name} and moves that conversation's last message to {@code pending} (if
     * given, and newer), in one bulk_update: the message first, then the conversation. Returns false when the site
     * does not have the message; the conversation is then put back as it was, as far as this process knows it.
     */
    boolean recordWithLink(String messageName, String name, PendingLastMessage pending) {
        return lock.withLock(FrappeConversationStore.conversationKey(name), () -> {
            WrittenTime last = times.get(name).orElse(null);
            if (last == null) {
                MessengerConversation read = read(name).orElseThrow(() -> new ConversationGoneException(name));
                last = new WrittenTime(read.lastMessageTime());
                times.record(name, last.time());
            }
            List<BulkUpdate> updates = new ArrayList<>(2);
            updates.add(new BulkUpdate(MessengerMessage.DOCTYPE, messageName, Map.of("conversation", name)));
            WrittenTime known = last;
            boolean moves = pending != null && known.accepts(pending.time());
            MessengerConversation before = cache.fresh(name)
                    .filter(c -> Objects.equals(c.lastMessageTime(), known.time())).orElse(null);
            if (moves) {
                updates.add(new BulkUpdate(DOCTYPE, name, fields(pending.message(), pending.time())));
                times.forget(name);
            }
            List<BulkUpdate.Failure> failures = BulkUpdate.send(frappe, updates);
            BulkUpdate.Failure messageFailed = failed(failures, MessengerMessage.DOCTYPE);
            BulkUpdate.Failure conversationFailed = failed(failures, DOCTYPE);
            if (moves && conversationFailed == null) {
                LocalDateTime written = micros(pending.time());
                times.record(name, written);
                cache.replaceKeepingAge(name, c -> c.withLastMessage(pending.message(), written));
            }
            if (messageFailed != null && messageFailed.notFound()) {
                if (moves && conversationFailed == null) {
                    putBack(name, before);
                }
                return false;
            }
            if (conversationFailed != null && conversationFailed.notFound()) {
                cache.forget(name);
                throw new ConversationGoneException(name);
            }
            BulkUpdate.Failure other = messageFailed != null ? messageFailed : conversationFailed;
            if (other != null) {
                throw new BulkUpdateFailedException(other.doctype(), other.docname(), other.exception());
            }
            return true;
        });
    }

    /** The message is not on the site: its text must not stay the conversation's last message. */
    private void putBack(String name, MessengerConversation before) {
        if (before == null) {
            log.warn("Messenger Conversation {} kept the last message of a Messenger Message the site does not have: "
                    + "its previous last message was not known here", LogSafe.of(name));
            return;
        }
        times.forget(name);
        MessengerConversation restored = put(name, before.lastMessage(), before.lastMessageTime());
        times.record(name, restored.lastMessageTime());
    }

    private static BulkUpdate.Failure failed(List<BulkUpdate.Failure> failures, String doctype) {
        return failures.stream().filter(f -> f.doctype().equals(doctype)).findFirst().orElse(null);
    }

    Optional<MessengerConversation> read(String name) {
        Optional<MessengerConversation> found = frappe.getDoc(DOCTYPE, name).map(MessengerConversation::fromDoc);
        found.ifPresentOrElse(cache::put, () -> cache.forget(name));
        return found;
    }

    /** The conversation, for a message that did not become its last one: cached if it shows that last time. */
    private MessengerConversation asItStands(String name, WrittenTime last) {
        return cache.fresh(name).filter(c -> Objects.equals(c.lastMessageTime(), last.time()))
                .or(() -> read(name)).orElseThrow(() -> new ConversationGoneException(name));
    }

    private MessengerConversation put(String name, String message, LocalDateTime time) {
        try {
            MessengerConversation updated = MessengerConversation.fromDoc(frappe.update(DOCTYPE, name,
                    fields(message, time)));
            cache.put(updated);
            return updated;
        } catch (FrappeException e) {
            if (e.kind() == FrappeException.Kind.NOT_FOUND) {
                cache.forget(name);
                throw new ConversationGoneException(name);
            }
            throw e;
        }
    }

    private static Map<String, Object> fields(String message, LocalDateTime time) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("last_message", message);
        changes.put("last_message_time", time == null ? null : FrappeDates.format(time));
        return changes;
    }

    /** What a Frappe Datetime keeps of a time: microseconds. */
    private static LocalDateTime micros(LocalDateTime time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
    }
}
