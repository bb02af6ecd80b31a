package io.github.frappemessenger.embedded;

import io.github.frappemessenger.Messenger;
import io.github.frappemessenger.SaveResult;
import io.github.frappemessenger.event.RoomPolicy;
import io.github.frappemessenger.internal.FrappeStamps;
import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.RealtimePublisher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory preset of {@link Messenger}: in-memory stores, an in-process publisher, settings enabled, nothing
 * outside the JVM. Docs are stamped with Frappe's own fields ({@code owner}, {@code creation}, {@code modified}, ...) so that events carry whole docs as
 * a site's do. Thread-safe; saves of one message name are serialised so that their events leave in the order of the
 * writes. For a store that survives a restart, see messenger-jdbc.
 */
public final class EmbeddedMessenger {
    private final InMemoryConversationStore conversations;
    private final InMemoryMessageStore messages = new InMemoryMessageStore();
    private final InMemoryErrorLog errorLog = new InMemoryErrorLog();
    private final InMemorySettings settings = new InMemorySettings();
    private final InProcessPublisher inProcessPublisher = new InProcessPublisher();
    private final AtomicLong messageSequence = new AtomicLong();
    private final Messenger messenger;

    private EmbeddedMessenger(Builder b) {
        this.conversations = new InMemoryConversationStore(b.clock, b.user);
        Messenger.Builder mb = Messenger.builder()
                .conversationStore(conversations)
                .messageStore(messages)
                .addPublisher(inProcessPublisher)
                .errorLog(errorLog)
                .settingsSource(settings)
                .clock(b.clock)
                .user(b.user)
                .roomPolicy(b.rooms)
                .names(() -> String.format("MSG-%08d", messageSequence.incrementAndGet()));
        b.publishers.forEach(mb::addPublisher);
        this.messenger = mb.build();
    }

    /** Zero configuration: everything in memory, events to {@link #publisher()}. */
    public static EmbeddedMessenger create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Saves a Messenger Message doc (see {@link Messenger#save}); {@link #messenger()}{@code .save} tells also
     * whether it was an insert and which events it sent.
     *
     * @return the message as stored
     * @throws io.github.frappemessenger.lifecycle.MessengerValidationException when validate refuses it (nothing is
     *     stored then)
     * @throws IllegalArgumentException when a field has the wrong type
     */
    public MessengerMessage save(Map<String, ?> doc) {
        return messenger.save(doc).message();
    }

    /** Saves a Messenger Conversation doc, e.g. an agent blocking it (see {@link Messenger#saveConversation}). */
    public MessengerConversation saveConversation(Map<String, ?> doc) {
        return messenger.saveConversation(doc);
    }

    /** The store-neutral messenger this preset wires. */
    public Messenger messenger() {
        return messenger;
    }

    /** Same as {@code messenger().save(doc)}. */
    public SaveResult saveWithResult(Map<String, ?> doc) {
        return messenger.save(doc);
    }

    public MessengerLifecycle lifecycle() {
        return messenger.lifecycle();
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

    /** The in-process publisher; it hears every event, also when other publishers were added. */
    public InProcessPublisher publisher() {
        return inProcessPublisher;
    }

    public static final class Builder {
        private final List<RealtimePublisher> publishers = new ArrayList<>();
        private Clock clock = Clock.systemDefaultZone();
        private String user = FrappeStamps.ADMINISTRATOR;
        private RoomPolicy rooms = RoomPolicy.all();

        private Builder() {
        }

        /** Sends events elsewhere too (e.g. Frappe's Redis), besides the in-process publisher. */
        public Builder publisher(RealtimePublisher publisher) {
            publishers.add(Objects.requireNonNull(publisher, "publisher"));
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Who saves: the {@code owner} / {@code modified_by} of docs and status log rows ("Administrator"). */
        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        /** Which rooms a conversation's events go to; {@link RoomPolicy#all()} by default. */
        public Builder roomPolicy(RoomPolicy rooms) {
            this.rooms = Objects.requireNonNull(rooms, "roomPolicy");
            return this;
        }

        public EmbeddedMessenger build() {
            return new EmbeddedMessenger(this);
        }
    }
}
