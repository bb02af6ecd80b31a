package io.github.frappemessenger.port;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Remembers the last {@code block_chat} and {@code status} seen of each conversation, so that a save can be told
 * apart from a change: Frappe's {@code has_value_changed}, for callers that only see the doc after the save (a
 * webhook). Implementations are thread-safe; {@link #exchange} is atomic per conversation.
 */
@FunctionalInterface
public interface ConversationStates {

    /** What the lifecycle compares: the block flag and the status of a conversation. */
    record State(boolean blocked, String status) {
    }

    /** Stores {@code state} for {@code conversation} and returns the state stored before, if any. */
    Optional<State> exchange(String conversation, State state);

    /**
     * The state last stored for {@code conversation}, if known. The lifecycle lays it over a conversation doc read
     * from a cache, so that a message's events never show a block or status older than one already announced.
     */
    default Optional<State> current(String conversation) {
        return Optional.empty();
    }

    /** States held in this JVM: right for one process. */
    static ConversationStates inJvm() {
        ConcurrentMap<String, State> states = new ConcurrentHashMap<>();
        return new ConversationStates() {
            @Override
            public Optional<State> exchange(String conversation, State state) {
                return Optional.ofNullable(states.put(conversation, state));
            }

            @Override
            public Optional<State> current(String conversation) {
                return Optional.ofNullable(states.get(conversation));
            }
        };
    }
}
