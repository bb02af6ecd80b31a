package io.github.frappemessenger.embedded;

import io.github.frappemessenger.ConversationNotFoundException;
import io.github.frappemessenger.internal.FrappeStamps;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.port.ConversationStore;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Conversations in memory, stamped with Frappe's doc fields ({@code owner}, {@code creation}, {@code modified}, ...). Thread-safe:
 * {@link #findOrCreate} is atomic per (platform, sender) through {@link ConcurrentMap#computeIfAbsent}, and
 * last-message updates and {@link #update}s are atomic per conversation.
 */
public final class InMemoryConversationStore implements ConversationStore {
    private record SenderKey(String platform, String senderId) {
    }

    private final ConcurrentMap<SenderKey, String> nameBySender = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, MessengerConversation> byName = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final FrappeStamps stamps;

    public InMemoryConversationStore() {
        this(Clock.systemDefaultZone(), FrappeStamps.ADMINISTRATOR);
    }

    /** Conversations stamped with {@code clock}'s time and {@code user} as their owner. */
    public InMemoryConversationStore(Clock clock, String user) {
        this.stamps = new FrappeStamps(clock, user);
    }

    @Override
    public MessengerConversation findOrCreate(String platform, String senderId) {
        String name = nameBySender.computeIfAbsent(new SenderKey(platform, senderId), key -> {
            String newName = String.format("CONV-%06d", sequence.incrementAndGet());
            MessengerConversation started = MessengerConversation.start(newName, platform, senderId);
            byName.put(newName, MessengerConversation.fromDoc(
                    stamps.inserted(MessengerConversation.DOCTYPE, started.toDoc())));
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
        return update(conversationName, c -> c.acceptsAsLastMessage(time) ? saved(c.withLastMessage(message, time)) : c);
    }

    /** The conversation with this save's {@code modified}; its typed fields untouched (no trip through text). */
    private MessengerConversation saved(MessengerConversation c) {
        Map<String, Object> extra = new LinkedHashMap<>(c.extra());
        extra.putAll(stamps.saved(Map.of()));
        return new MessengerConversation(c.name(), c.senderId(), c.platform(), c.lastMessage(), c.lastMessageTime(),
                c.blockChat(), c.status(), extra);
    }

    /**
     * Saves a stored conversation: {@code change} gets the stored doc and returns the doc to store, atomically.
     *
     * @throws IllegalArgumentException when there is no conversation of that name
     */
    public MessengerConversation update(String conversationName, UnaryOperator<MessengerConversation> change) {
        MessengerConversation updated = byName.computeIfPresent(conversationName, (name, c) -> change.apply(c));
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
