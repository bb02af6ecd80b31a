package io.github.frappemessenger.port;

/**
 * Hands out the {@code version} numbers of a conversation's events: strictly increasing per conversation across
 * every process that shares the store (in memory for one JVM, Redis for the bridges, a column for a database).
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface ConversationVersions {

    /**
     * Reserves {@code count} consecutive versions of {@code conversation}, each greater than every version handed
     * out before for it, and returns the first. The caller numbers its events {@code first .. first + count - 1}.
     *
     * @throws RuntimeException when the store cannot be reached (the lifecycle then reports an update error)
     */
    long next(String conversation, int count);

    /** Versions counted in this JVM from 1: right for one process (the embedded messenger). */
    static ConversationVersions inJvm() {
        return new InJvmConversationVersions();
    }
}
