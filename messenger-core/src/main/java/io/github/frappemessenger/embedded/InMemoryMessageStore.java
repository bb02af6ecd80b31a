package io.github.frappemessenger.embedded;

import io.github.frappemessenger.lifecycle.DuplicateMessageException;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.MessageStore;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Messages in memory, with an unread counter per conversation kept up to date on every save, so that
 * {@link #countUnread} is O(1) instead of Frappe's COUNT query, and an index of provider ids (platform,
 * {@code message_id}) that refuses a second message with a stored pair. Thread-safe: {@link #save} is atomic per
 * name, and per provider id.
 */
public final class InMemoryMessageStore implements MessageStore {
    private record ProviderId(String platform, String messageId) {
        static ProviderId of(MessengerMessage m) {
            return m.messageId() == null || m.messageId().isBlank() ? null
                    : new ProviderId(m.platform(), m.messageId());
        }
    }

    private final ConcurrentMap<String, MessengerMessage> byName = new ConcurrentHashMap<>();
    private final ConcurrentMap<ProviderId, String> nameByProviderId = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicLong> unreadByConversation = new ConcurrentHashMap<>();

    /**
     * Inserts or replaces the message of that name.
     *
     * @throws DuplicateMessageException when another stored message has the same (platform, message_id)
     */
    @Override
    public void save(MessengerMessage message) {
        if (message.name() == null || message.name().isBlank()) {
            throw new IllegalArgumentException("a stored Messenger Message needs a name");
        }
        ProviderId id = ProviderId.of(message);
        if (id != null) {
            String owner = nameByProviderId.putIfAbsent(id, message.name());
            if (owner != null && !owner.equals(message.name())) {
                throw new DuplicateMessageException(message.name(), id.platform(), id.messageId(), owner);
            }
        }
        byName.compute(message.name(), (name, previous) -> {
            adjustUnread(previous, -1);
            adjustUnread(message, +1);
            ProviderId before = previous == null ? null : ProviderId.of(previous);
            if (before != null && !before.equals(id)) {
                nameByProviderId.remove(before, name);
            }
            return message;
        });
    }

    @Override
    public Optional<String> nameByMessageId(String platform, String messageId) {
        return Optional.ofNullable(nameByProviderId.get(new ProviderId(platform, messageId)));
    }

    @Override
    public void linkConversation(String messageName, String conversationName) {
        MessengerMessage stored = byName.get(messageName);
        if (stored == null) {
            throw new IllegalArgumentException("Messenger Message " + messageName + " not found");
        }
        save(stored.withConversation(conversationName));
    }

    @Override
    public Optional<MessengerMessage> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public long countUnread(String conversationName) {
        AtomicLong n = unreadByConversation.get(conversationName);
        return n == null ? 0 : n.get();
    }

    public int size() {
        return byName.size();
    }

    private void adjustUnread(MessengerMessage m, int delta) {
        if (m != null && m.conversation() != null && m.countsAsUnread()) {
            unreadByConversation.computeIfAbsent(m.conversation(), c -> new AtomicLong()).addAndGet(delta);
        }
    }
}
