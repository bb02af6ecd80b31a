package io.github.frappemessenger.frappe.internal.site;

import java.util.function.Supplier;

/**
 * A short mutual exclusion around the read-then-write steps of {@link FrappeConversationStore}: finding or creating
 * the conversation of one (platform, sender) and moving one conversation's last message. Frappe's REST API offers
 * neither a unique index on (platform, sender_id) nor a conditional update, so the store brings its own lock.
 *
 * <p>Keys are short texts chosen by the store (e.g. {@code sender:Facebook:1234}, {@code conversation:CONV-1});
 * an implementation may prefix them but must keep distinct keys distinct. Implementations are thread-safe.
 *
 * <ul>
 *   <li>{@link RedisConversationLock}: across processes; use it whenever more than one bridge serves a site.</li>
 *   <li>{@link #inJvm()}: across the threads of one process only.</li>
 *   <li>{@link #none()}: no exclusion at all; for tests, or a site that enforces uniqueness itself.</li>
 * </ul>
 */
public interface ConversationLock {

    /**
     * Runs {@code action} while holding the lock on {@code key} and returns its result; the lock is released
     * however the action ends. Not reentrant: an action must not take the same key again.
     *
     * @throws ConversationLockException when the lock could not be taken in time, or its backing store failed
     */
    <T> T withLock(String key, Supplier<T> action);

    /** Mutual exclusion among the threads of this JVM (striped, so unrelated keys seldom wait on each other). */
    static ConversationLock inJvm() {
        return new InJvmConversationLock();
    }

    /** No exclusion: runs the action straight away. Concurrent callers may then create duplicates. */
    static ConversationLock none() {
        return new ConversationLock() {
            @Override
            public <T> T withLock(String key, Supplier<T> action) {
                return action.get();
            }

            @Override
            public String toString() {
                return "ConversationLock.none()";
            }
        };
    }
}
