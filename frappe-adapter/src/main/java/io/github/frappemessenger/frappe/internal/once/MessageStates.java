package io.github.frappemessenger.frappe.internal.once;

import java.util.function.Supplier;

/**
 * Where the bridge keeps a {@link MessageRecord} per Messenger Message, and a lease that lets one holder at a time
 * work on a message: in Redis ({@link RedisMessageStates}) for every bridge process of a site, or in this JVM
 * ({@link #inJvm}) for one process. Implementations are thread-safe.
 */
public interface MessageStates {

    /**
     * Runs {@code work} while no other holder works on the message {@code name}.
     *
     * @throws MessageBusyException when another holder kept it longer than this store waits
     */
    <T> T exclusively(String name, Supplier<T> work);

    /** The message's record; {@link MessageRecord#EMPTY} when unknown (or forgotten). */
    MessageRecord read(String name);

    void write(String name, MessageRecord record);

    /**
     * {@code shared} (leases and records), with the {@code capacity} records this process wrote last also kept in this
     * JVM: when {@code shared} has forgotten a message (a Redis that lost its data), the record kept here stands.
     */
    static MessageStates rememberingLocally(MessageStates shared, int capacity) {
        return new RememberingMessageStates(shared, capacity);
    }

    /** A store in this JVM that remembers the {@code capacity} most recently used messages. */
    static MessageStates inJvm(int capacity) {
        return new InJvmMessageStates(capacity);
    }
}
