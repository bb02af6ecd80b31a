package io.github.frappemessenger.frappe.internal.site;

import io.github.frappemessenger.internal.NewerOrEqual;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * The {@code last_message_time} of each conversation as the bridges last wrote it, so that
 * {@link FrappeConversationStore#recordLastMessage} can decide "newer or not" without reading the conversation from
 * Frappe first. Every method is called by the store while it holds the {@link ConversationLock} of that conversation
 * ({@code conversation:<name>}), so a value read here is the value the last holder wrote.
 *
 * <p>The store's protocol, under the lock: {@link #get}; when empty (unknown), read the conversation from Frappe;
 * compare; if newer, {@link #forget}, {@code PUT}, then {@link #record} the time written. Forgetting before the write
 * means a write that fails half-way (the {@code PUT} timed out, the process died before {@link #record}) leaves the
 * value unknown, and the next holder reads Frappe: the time is never trusted older than Frappe's.
 *
 * <p>The bridges are assumed to be the only writers of {@code last_message}/{@code last_message_time}; a change made
 * elsewhere (the desk, a script) is seen once the value is unknown again (in Redis: after its TTL, a day by default).
 *
 * <ul>
 *   <li>{@link RedisLastMessageTimes}: shared by every process on one Redis; what the store uses with a
 *   {@link RedisConversationLock}.</li>
 *   <li>{@link #inJvm(int)}: this process only; what the store uses with the in-JVM lock. It holds what this process
 *   wrote or read under the lock, which is also what its cached conversation docs say — but kept apart from them,
 *   because a doc read outside the lock (a slow {@code get}) may be older than the last write.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface LastMessageTimes {

    /**
     * The {@code last_message_time} a bridge last wrote for a conversation; {@code time} is null when it has no last
     * message yet.
     */
    record WrittenTime(LocalDateTime time) {
        static final WrittenTime NONE = new WrittenTime(null);

        /**
         * Whether a message at {@code candidate} becomes the last message: it is at least as new (the same rule as
         * {@link io.github.frappemessenger.model.MessengerConversation#acceptsAsLastMessage}).
         */
        public boolean accepts(LocalDateTime candidate) {
            return NewerOrEqual.wins(candidate, time);
        }
    }

    /** The time last recorded for the conversation; empty when unknown (the store then reads Frappe). */
    Optional<WrittenTime> get(String conversation);

    /**
     * Makes the conversation's time unknown, before a write. Must not fail silently: if the value cannot be
     * forgotten, throw, so that the write is not made.
     */
    void forget(String conversation);

    /** The time just written to (or read under the lock from) Frappe; {@code null}: no last message. */
    void record(String conversation, LocalDateTime time);

    /**
     * A conversation this store has just inserted (so it has no last message), while no other caller can know its
     * name yet. Does nothing if a time is already known.
     */
    void created(String conversation);

    /** Times known to this process only, the {@code capacity} most recently used (0: none, always unknown). */
    static LastMessageTimes inJvm(int capacity) {
        return new InJvmLastMessageTimes(capacity);
    }
}
