package io.github.frappemessenger.serve;

import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.MessageStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory message store of {@code serve}: the messenger's port plus a conversation's messages. Thread-safe. */
final class MemoryMessages implements MessageStore {
    static final Comparator<MessengerMessage> OLDEST_FIRST = Comparator
            .comparing(MessengerMessage::timestamp, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(MessengerMessage::name);

    private final Map<String, MessengerMessage> byName = new ConcurrentHashMap<>();

    @Override
    public long countUnread(String conversationName) {
        return byName.values().stream()
                .filter(m -> Objects.equals(conversationName, m.conversation()) && m.countsAsUnread()).count();
    }

    @Override
    public void linkConversation(String messageName, String conversationName) {
        byName.computeIfPresent(messageName, (n, m) -> m.withConversation(conversationName));
    }

    @Override
    public Optional<MessengerMessage> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public void save(MessengerMessage message) {
        byName.put(message.name(), message);
    }

    List<MessengerMessage> ofConversation(String conversationName) {
        return byName.values().stream().filter(m -> Objects.equals(conversationName, m.conversation()))
                .sorted(OLDEST_FIRST).toList();
    }
}
