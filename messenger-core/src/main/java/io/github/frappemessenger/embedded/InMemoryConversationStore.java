package io.github.frappemessenger.embedded;

import io.github.frappemessenger.ConversationNotFoundException;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.port.ConversationStore;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Conversations in memory. Thread-safe: {@link #findOrCreate} is atomic per (platform, sender) through
 * {@link ConcurrentMap#computeIfAbsent}, and last-message updates are atomic per conversation.
 */
public final class InMemoryConversationStore implements ConversationStore {
    private record SenderKey(String platform, String senderId) {
    }

    private final ConcurrentMap<SenderKey, String> nameBySender = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, MessengerConversation> byName = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    @Override
    public MessengerConversation findOrCreate(String platform, String senderId) {
        String name = nameBySender.computeIfAbsent(new SenderKey(platform, senderId), key -> {
            String newName = String.format("CONV-%06d", sequence.incrementAndGet());
            byName.put(newName, MessengerConversation.start(newName, platform, senderId));
            return newName;
        });
        return byName.get(name);
    }

    @Override
    public Optional<MessengerConversation> find(String platform, String senderId) {
        String name = nameBySender.get(new SenderKey(platform, senderId));
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    @Override
    public Optional<MessengerConversation> get(String conversationName) {
        return Optional.ofNullable(byName.get(conversationName));
    }

    @Override
    public MessengerConversation recordLastMessage(String conversationName, String message, LocalDateTime time) {
        MessengerConversation updated = byName.computeIfPresent(conversationName,
                (name, c) -> c.acceptsAsLastMessage(time) ? c.withLastMessage(message, time) : c);
        if (updated == null) {
            throw new ConversationNotFoundException(conversationName);
        }
        return updated;
    }

    /** A snapshot of every conversation, in no particular order. */
    public List<MessengerConversation> all() {
        return new ArrayList<>(byName.values());
    }

    public int size() {
        return byName.size();
    }
}
