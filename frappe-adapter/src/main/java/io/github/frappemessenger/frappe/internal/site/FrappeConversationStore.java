package io.github.frappemessenger.frappe.internal.site;

import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.rest.FrappeException;
import io.github.frappemessenger.internal.LogSafe;
import io.github.frappemessenger.internal.Sha256;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.port.ConversationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messenger Conversations on a Frappe site, over its REST API (docs/protocol.md §5). Thread-safe; safe to run in several
 * processes against one site when they share a {@link RedisConversationLock}.
 *
 * <p><b>No duplicates.</b> {@link #findOrCreate} searches and inserts under the {@link ConversationLock} of the
 * (platform, sender_id), then reads the sender's conversations again; of two, the oldest by {@code creation} wins and
 * the caller that inserted the newer one deletes it. With a {@link RedisConversationLock} that proves its holder was
 * alone until the insert answered ({@link LockLease}), the re-read is left out: a new sender costs 2 calls, not 3.
 *
 * <p><b>Never backwards.</b> {@link #recordLastMessage} decides under the lock of the conversation, against the
 * {@link LastMessageTimes} (in Redis, shared by every process, with a {@link RedisConversationLock}; else in this
 * JVM), and writes only a newer time: one {@code PUT}, no read — or, for the bridge's after_insert, one
 * {@code frappe.client.bulk_update} that also writes the message's link ({@link #linkMessage}). An unknown time is
 * read from Frappe once. The bridges are taken to be the only writers of {@code last_message}/{@code last_message_time}.
 *
 * <p><b>Cache.</b> (platform, sender_id) → name, for as long as the store lives, and name → the whole conversation
 * doc as Frappe last answered it (to a {@code GET}, an insert or a {@code PUT}), served by {@link #findOrCreate},
 * {@link #find} and {@link #get} while younger than {@code conversationTtl} (60 s by default). Agents change
 * conversations in the desk ({@code block_chat}, {@code status}) and other processes move their last message, so a
 * served doc may be that much behind; a zero TTL reads every doc fresh. Both are bounded to {@code maxCachedSenders}
 * entries (least recently used out); a 404 drops the entry and the sender is searched again. A conversation deleted
 * in the desk is therefore noticed at the latest one TTL later, or at its next {@code PUT}, which then fails once
 * with {@link ConversationGoneException} (transient: the webhook answers 503, and Frappe's retry searches the sender
 * again and finds or creates its conversation).
 *
 * <p><b>Errors.</b> Frappe's failures propagate as {@link FrappeException} (transient ones, {@code isTransient()},
 * so that a webhook answers 503 and Frappe retries); a lock that cannot be taken throws
 * {@link ConversationLockException}.
 */
public final class FrappeConversationStore implements ConversationStore {
    public static final Duration DEFAULT_CONVERSATION_TTL = Duration.ofSeconds(60);
    static final String DOCTYPE = MessengerConversation.DOCTYPE;
    private static final Logger log = LoggerFactory.getLogger(FrappeConversationStore.class);

    private final FrappeClient frappe;
    private final ConversationLock lock;
    private final ConversationCache cache;
    private final LastMessageTimes times;
    private final SenderConversations senders;
    private final LastMessageWrites writes;
    private final ThreadLocal<PendingLastMessage[]> deferral = new ThreadLocal<>();

    private FrappeConversationStore(Builder b) {
        this.frappe = b.frappe;
        this.lock = b.lock;
        this.cache = new ConversationCache(b.maxCachedSenders, b.conversationTtl, b.clock);
        this.times = b.times != null ? b.times
                : b.lock instanceof RedisConversationLock redis ? redis.lastMessageTimes()
                : LastMessageTimes.inJvm(b.maxCachedSenders);
        this.senders = new SenderConversations(frappe, cache, times);
        this.writes = new LastMessageWrites(frappe, lock, cache, times);
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
        return withSenderLease(senderKey(platform, senderId),
                lease -> senders.search(platform, senderId).orElseGet(() -> senders.create(platform, senderId, lease)));
    }

    /** The sender's lock; only a {@link RedisConversationLock} can prove its holder alone (see {@link LockLease}). */
    private <T> T withSenderLease(String key, Function<LockLease, T> action) {
        if (lock instanceof RedisConversationLock redis) {
            return redis.withLease(key, action);
        }
        return lock.withLock(key, () -> action.apply(LockLease.UNPROVEN));
    }

    @Override
    public Optional<MessengerConversation> find(String platform, String senderId) {
        requireText(platform, "platform");
        requireText(senderId, "senderId");
        Optional<MessengerConversation> known = byCachedName(platform, senderId);
        return known.isPresent() ? known : senders.search(platform, senderId);
    }

    @Override
    public Optional<MessengerConversation> get(String conversationName) {
        requireText(conversationName, "conversationName");
        Optional<MessengerConversation> cached = cache.fresh(conversationName);
        return cached.isPresent() ? cached : read(conversationName);
    }

    /**
     * Moves the conversation's last message forward (one {@code PUT}); inside {@link #deferringLastMessage} on this
     * thread, only notes the move, to be written by {@link #linkMessage}, and returns the conversation as cached.
     */
    @Override
    public MessengerConversation recordLastMessage(String conversationName, String message, LocalDateTime time) {
        requireText(conversationName, "conversationName");
        PendingLastMessage[] deferred = deferral.get();
        if (deferred != null) {
            deferred[0] = new PendingLastMessage(conversationName, message, time);
            return cache.fresh(conversationName).orElseGet(() -> MessengerConversation.start(conversationName, null,
                    null)).withLastMessage(message, time);
        }
        return writes.record(conversationName, message, time);
    }

    /**
     * The outcome of {@code work} (the lifecycle's validate) with the last-message move it asked for held back, so
     * that {@link #linkMessage} writes it together with the message's link. The hold covers this thread only and
     * ends when {@code work} returns or throws.
     */
    public <T> Deferred<T> deferringLastMessage(Supplier<T> work) {
        PendingLastMessage[] slot = new PendingLastMessage[1];
        PendingLastMessage[] outer = deferral.get();
        deferral.set(slot);
        try {
            return new Deferred<>(work.get(), Optional.ofNullable(slot[0]));
        } finally {
            if (outer == null) {
                deferral.remove();
            } else {
                deferral.set(outer);
            }
        }
    }

    /**
     * A value computed while the last-message move was held back, and that move.
     *
     * @param value       what the work returned
     * @param lastMessage the move it asked for, if any
     */
    public record Deferred<T>(T value, Optional<PendingLastMessage> lastMessage) {
    }

    /**
     * Writes the message's {@code conversation} link and, when given and newer, the conversation's last message, in
     * one {@code frappe.client.bulk_update} under the conversation's lock (docs/protocol.md). Returns false, having
     * changed nothing that stays, when the site does not have the message.
     *
     * @param lastMessage the move validate asked for ({@link #deferringLastMessage}), or null
     * @throws ConversationGoneException when the conversation is gone (transient: a retry finds the sender's again)
     */
    public boolean linkMessage(String messageName, String conversationName, PendingLastMessage lastMessage) {
        requireText(messageName, "messageName");
        requireText(conversationName, "conversationName");
        if (lastMessage != null && !lastMessage.conversation().equals(conversationName)) {
            throw new IllegalArgumentException("the last message noted is for " + lastMessage.conversation()
                    + ", not " + conversationName);
        }
        return writes.recordWithLink(messageName, conversationName, lastMessage);
    }

    /** How many senders the name cache holds now. */
    public int cachedSenders() {
        return cache.senders();
    }

    private Optional<MessengerConversation> byCachedName(String platform, String senderId) {
        String name = cache.name(platform, senderId);
        if (name == null) {
            return Optional.empty();
        }
        Optional<MessengerConversation> fresh = cache.fresh(name);
        if (fresh.isPresent()) {
            return fresh;
        }
        Optional<MessengerConversation> found = frappe.getDoc(DOCTYPE, name).map(MessengerConversation::fromDoc);
        if (found.isPresent()) {
            cache.put(found.get());
        } else {
            cache.forgetSender(platform, senderId, name);
            log.info("Messenger Conversation {} is gone (deleted or renamed); searching its sender again",
                    LogSafe.of(name));
        }
        return found;
    }

    private Optional<MessengerConversation> read(String name) {
        return writes.read(name);
    }

    /**
     * The lock key of a sender: {@code sender:<platform>:<first 16 hex digits of SHA-256(sender_id)>}, so that
     * neither Redis nor a log line holds a phone number, and a long id makes no long key.
     */
    static String senderKey(String platform, String senderId) {
        return "sender:" + platform.replace(':', '_') + ":" + Sha256.hex(senderId, 16);
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
        private LastMessageTimes times;
        private int maxCachedSenders = 10_000;
        private Duration conversationTtl = DEFAULT_CONVERSATION_TTL;
        private Clock clock = Clock.systemUTC();

        private Builder(FrappeClient frappe) {
            this.frappe = Objects.requireNonNull(frappe, "frappe");
        }

        /** The lock around find-or-create and last-message updates; {@link ConversationLock#inJvm()} by default. */
        public Builder lock(ConversationLock lock) {
            this.lock = Objects.requireNonNull(lock, "lock");
            return this;
        }

        /**
         * Where last-message times are compared. By default: in the lock's Redis with a {@link RedisConversationLock}
         * ({@link RedisLastMessageTimes}), else {@link LastMessageTimes#inJvm} — which is right for one process only.
         */
        public Builder lastMessageTimes(LastMessageTimes times) {
            this.times = Objects.requireNonNull(times, "lastMessageTimes");
            return this;
        }

        /** The bound of the name cache, of the doc cache and of in-JVM times; 0 turns them all off. */
        public Builder maxCachedSenders(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxCachedSenders must not be negative: " + max);
            }
            this.maxCachedSenders = max;
            return this;
        }

        /** How long a cached conversation doc is served (60 s by default); zero reads every doc fresh. */
        public Builder conversationTtl(Duration ttl) {
            if (Objects.requireNonNull(ttl, "conversationTtl").isNegative()) {
                throw new IllegalArgumentException("conversationTtl must not be negative: " + ttl);
            }
            this.conversationTtl = ttl;
            return this;
        }

        /** The clock of the doc cache's TTL. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public FrappeConversationStore build() {
            return new FrappeConversationStore(this);
        }
    }
}
