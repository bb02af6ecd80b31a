package io.github.frappemessenger.frappe.site;

import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.rest.ListQuery;
import io.github.frappemessenger.model.FrappeDates;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.port.ConversationStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messenger Conversations on a Frappe site, over its REST API (protocol §5). Thread-safe; safe to run in several
 * processes against one site when they share a {@link RedisConversationLock}.
 *
 * <p><b>No duplicates.</b> {@link #findOrCreate} searches and inserts under the {@link ConversationLock} of the
 * (platform, sender_id), then reads the sender's conversations again: should two exist (a lock that expired, a
 * process without the lock), every caller takes the oldest by {@code creation}, and the caller that inserted the
 * newer one deletes it. {@link #recordLastMessage} reads and writes under the lock of the conversation, so two
 * processes never move {@code last_message_time} backwards.
 *
 * <p><b>Cache.</b> The store remembers (platform, sender_id) → conversation name, for as long as the store lives,
 * bounded to {@code maxCachedSenders} entries (least recently used out; 10,000 by default). Nothing else is cached:
 * documents are always read fresh. A name never changes, so an entry is dropped only when Frappe answers 404 for it
 * (the conversation was deleted or renamed), after which the sender is searched again. So a known sender's
 * conversation costs one round trip ({@code GET} by name, no search); a new sender's three (search, insert, re-read).
 *
 * <p><b>Errors.</b> Frappe's failures propagate as {@link io.github.frappemessenger.frappe.rest.FrappeException}
 * (transient ones, {@code isTransient()}, so that a webhook answers 503 and Frappe retries); a lock that cannot be
 * taken throws {@link ConversationLockException}.
 */
public final class FrappeConversationStore implements ConversationStore {
    static final String DOCTYPE = MessengerConversation.DOCTYPE;
    static final List<String> FIELDS = List.of("name", "sender_id", "platform", "last_message", "last_message_time",
            "block_chat", "status");
    private static final Logger log = LoggerFactory.getLogger(FrappeConversationStore.class);

    private final FrappeClient frappe;
    private final ConversationLock lock;
    private final SenderNameCache names;

    private FrappeConversationStore(Builder b) {
        this.frappe = b.frappe;
        this.lock = b.lock;
        this.names = new SenderNameCache(b.maxCachedSenders);
    }

    public static Builder builder(FrappeClient frappe) {
        return new Builder(frappe);
    }

    @Override
    public MessengerConversation findOrCreate(String platform, String senderId) {
        requireText(platform, "platform");
        requireText(senderId, "senderId");
        Optional<MessengerConversation> known = byCachedName(platform, senderId);
        if (known.isPresent()) {
            return known.get();
        }
        return lock.withLock(senderKey(platform, senderId),
                () -> search(platform, senderId).orElseGet(() -> create(platform, senderId)));
    }

    @Override
    public Optional<MessengerConversation> find(String platform, String senderId) {
        requireText(platform, "platform");
        requireText(senderId, "senderId");
        Optional<MessengerConversation> known = byCachedName(platform, senderId);
        return known.isPresent() ? known : search(platform, senderId);
    }

    @Override
    public Optional<MessengerConversation> get(String conversationName) {
        requireText(conversationName, "conversationName");
        Optional<MessengerConversation> found = read(conversationName);
        found.ifPresent(c -> names.put(c.platform(), c.senderId(), c.name()));
        return found;
    }

    @Override
    public MessengerConversation recordLastMessage(String conversationName, String message, LocalDateTime time) {
        requireText(conversationName, "conversationName");
        return lock.withLock(conversationKey(conversationName), () -> {
            MessengerConversation current = read(conversationName).orElseThrow(
                    () -> new IllegalArgumentException("Messenger Conversation " + conversationName + " not found"));
            if (!current.acceptsAsLastMessage(time)) {
                return current;
            }
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("last_message", message);
            changes.put("last_message_time", time == null ? null : FrappeDates.format(time));
            return MessengerConversation.fromDoc(frappe.update(DOCTYPE, conversationName, changes));
        });
    }

    /** How many senders the name cache holds now. */
    public int cachedSenders() {
        return names.size();
    }

    private Optional<MessengerConversation> byCachedName(String platform, String senderId) {
        String name = names.get(platform, senderId);
        if (name == null) {
            return Optional.empty();
        }
        Optional<MessengerConversation> found = frappe.getDoc(DOCTYPE, name).map(MessengerConversation::fromDoc);
        if (found.isEmpty()) {
            names.forget(platform, senderId, name);
            log.info("Messenger Conversation {} is gone (deleted or renamed); searching its sender again", name);
        }
        return found;
    }

    private Optional<MessengerConversation> read(String name) {
        Optional<MessengerConversation> found = frappe.getDoc(DOCTYPE, name).map(MessengerConversation::fromDoc);
        if (found.isEmpty()) {
            names.forgetName(name);
        }
        return found;
    }

    /** The oldest conversation of the sender, by a list query; remembered in the cache. */
    private Optional<MessengerConversation> search(String platform, String senderId) {
        List<Map<String, Object>> rows = frappe.getList(bySender(platform, senderId, 1));
        Optional<MessengerConversation> found = rows.stream().findFirst().map(MessengerConversation::fromDoc);
        found.ifPresent(c -> names.put(platform, senderId, c.name()));
        return found;
    }

    private MessengerConversation create(String platform, String senderId) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("sender_id", senderId);
        doc.put("platform", platform);
        MessengerConversation ours = MessengerConversation.fromDoc(frappe.insert(DOCTYPE, doc));
        // Defence in depth: were the lock bypassed or expired, another process may have inserted one too.
        List<Map<String, Object>> rows = frappe.getList(bySender(platform, senderId, 2));
        MessengerConversation oldest = rows.isEmpty() ? ours : MessengerConversation.fromDoc(rows.get(0));
        if (rows.size() > 1) {
            log.warn("found two Messenger Conversations of one sender on {}: keeping the oldest, {}, over {}",
                    platform, oldest.name(), MessengerConversation.fromDoc(rows.get(1)).name());
            if (!oldest.name().equals(ours.name())) {
                deleteDuplicate(ours.name());
            }
        }
        names.put(platform, senderId, oldest.name());
        return oldest;
    }

    private void deleteDuplicate(String name) {
        try {
            frappe.delete(DOCTYPE, name);
        } catch (RuntimeException e) {
            log.warn("could not delete the duplicate Messenger Conversation {}: {}", name, e.getMessage());
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

    /**
     * The lock key of a sender: {@code sender:<platform>:<first 16 hex digits of SHA-256(sender_id)>}, so that
     * neither Redis nor a log line holds a phone number, and a long id makes no long key.
     */
    static String senderKey(String platform, String senderId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(senderId.getBytes(StandardCharsets.UTF_8));
            return "sender:" + platform.replace(':', '_') + ":" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String conversationKey(String conversationName) {
        return "conversation:" + conversationName;
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
    }

    /** Configures a {@link FrappeConversationStore}. Not thread-safe; the store it builds is. */
    public static final class Builder {
        private final FrappeClient frappe;
        private ConversationLock lock = ConversationLock.inJvm();
        private int maxCachedSenders = 10_000;

        private Builder(FrappeClient frappe) {
            this.frappe = Objects.requireNonNull(frappe, "frappe");
        }

        /** The lock around find-or-create and last-message updates; {@link ConversationLock#inJvm()} by default. */
        public Builder lock(ConversationLock lock) {
            this.lock = Objects.requireNonNull(lock, "lock");
            return this;
        }

        /** The bound of the (platform, sender_id) → name cache; 0 turns the cache off. */
        public Builder maxCachedSenders(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxCachedSenders must not be negative: " + max);
            }
            this.maxCachedSenders = max;
            return this;
        }

        public FrappeConversationStore build() {
            return new FrappeConversationStore(this);
        }
    }
}
