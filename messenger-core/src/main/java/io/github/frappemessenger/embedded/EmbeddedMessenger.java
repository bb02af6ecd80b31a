package io.github.frappemessenger.embedded;

import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.RealtimePublisher;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The messenger with nothing outside the JVM: in-memory stores, an in-process publisher, settings enabled.
 * {@link #save} plays what Frappe does on a save: validate, write, on_update. Thread-safe; saves of one message
 * name are serialised so that their events leave in the order of the writes.
 */
public final class EmbeddedMessenger {
    private static final int LOCK_STRIPES = 64;

    private final InMemoryConversationStore conversations = new InMemoryConversationStore();
    private final InMemoryMessageStore messages = new InMemoryMessageStore();
    private final InMemoryErrorLog errorLog = new InMemoryErrorLog();
    private final InMemorySettings settings = new InMemorySettings();
    private final InProcessPublisher inProcessPublisher = new InProcessPublisher();
    private final MessengerLifecycle lifecycle;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
    private final AtomicLong messageSequence = new AtomicLong();

    private EmbeddedMessenger(Builder b) {
        this.lifecycle = MessengerLifecycle.builder()
                .conversationStore(conversations)
                .messageStore(messages)
                .realtimePublisher(b.publisher == null ? inProcessPublisher : b.publisher)
                .errorLog(errorLog)
                .settingsSource(settings)
                .clock(b.clock)
                .build();
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Zero configuration: everything in memory, events to {@link #publisher()}. */
    public static EmbeddedMessenger create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Saves a Messenger Message doc. A {@code name} not stored yet is an insert (a missing name gets one); a stored
     * name is an update whose fields are laid over the stored doc. Runs validate, stores, then on_update.
     *
     * @return the message as stored
     * @throws io.github.frappemessenger.lifecycle.MessengerValidationException when validate refuses it (nothing is
     *     stored then)
     * @throws IllegalArgumentException when a field has the wrong type
     */
    public MessengerMessage save(Map<String, ?> doc) {
        Objects.requireNonNull(doc, "doc");
        Object rawName = doc.get("name");
        String name = rawName == null || rawName.toString().isBlank()
                ? String.format("MSG-%08d", messageSequence.incrementAndGet()) : rawName.toString();
        ReentrantLock lock = locks[Math.floorMod(name.hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            MessengerMessage candidate = messages.get(name)
                    .map(stored -> stored.mergedWith(doc))
                    .orElseGet(() -> MessengerMessage.fromDoc(withName(doc, name)));
            MessengerMessage validated = lifecycle.validate(candidate);
            messages.save(validated);
            lifecycle.onUpdate(validated);
            return validated;
        } finally {
            lock.unlock();
        }
    }

    private static Map<String, Object> withName(Map<String, ?> doc, String name) {
        Map<String, Object> copy = new LinkedHashMap<>(doc);
        copy.put("name", name);
        return copy;
    }

    public MessengerLifecycle lifecycle() {
        return lifecycle;
    }

    public InMemoryConversationStore conversations() {
        return conversations;
    }

    public InMemoryMessageStore messages() {
        return messages;
    }

    public InMemoryErrorLog errorLog() {
        return errorLog;
    }

    public InMemorySettings settings() {
        return settings;
    }

    /** The in-process publisher; it hears events only when no other publisher was configured. */
    public InProcessPublisher publisher() {
        return inProcessPublisher;
    }

    public static final class Builder {
        private RealtimePublisher publisher;
        private Clock clock = Clock.systemDefaultZone();

        private Builder() {
        }

        /** Sends events elsewhere (e.g. Frappe's Redis) instead of the in-process publisher. */
        public Builder publisher(RealtimePublisher publisher) {
            this.publisher = publisher;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public EmbeddedMessenger build() {
            return new EmbeddedMessenger(this);
        }
    }
}
