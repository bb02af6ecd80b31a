package io.github.frappemessenger;

import io.github.frappemessenger.embedded.InMemoryErrorLog;
import io.github.frappemessenger.embedded.InMemorySettings;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.event.Room;
import io.github.frappemessenger.internal.FanOutPublisher;
import io.github.frappemessenger.internal.SaveLocks;
import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.lifecycle.UpdateOutcome;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.ConversationStore;
import io.github.frappemessenger.port.ErrorLog;
import io.github.frappemessenger.port.MessageStore;
import io.github.frappemessenger.port.RealtimePublisher;
import io.github.frappemessenger.port.SettingsSource;
import io.github.frappemessenger.port.TransactionalOutbox;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messenger on any store: {@link #save} plays what Frappe does on a save of a Messenger Message — insert or
 * update by name, merge into the stored doc, validate, write, on_update — with one save per message name at a time
 * in this process. The events of a save go to every configured publisher, in order. With a
 * {@link TransactionalOutbox} the message, the conversation change and the events are written in one transaction and
 * the events are published only after the commit. Thread-safe when its ports are.
 */
public final class Messenger {
    private static final Logger log = LoggerFactory.getLogger(Messenger.class);

    private final ConversationStore conversations;
    private final MessageStore messages;
    private final RealtimePublisher publishers;
    private final @Nullable TransactionalOutbox outbox;
    private final Supplier<String> names;
    private final MessengerLifecycle lifecycle;
    private final SaveLocks locks = new SaveLocks();

    private Messenger(Builder b) {
        this.conversations = require(b.conversations, "conversationStore");
        this.messages = require(b.messages, "messageStore");
        this.publishers = new FanOutPublisher(b.publishers);
        this.outbox = b.outbox;
        this.names = b.names;
        TransactionalOutbox box = b.outbox;
        RealtimePublisher target = box == null ? publishers : new RealtimePublisher() {
            @Override
            public void publish(RealtimeEvent event) {
                box.add(List.of(event));
            }

            @Override
            public void publishAll(List<RealtimeEvent> events) {
                box.add(events);
            }
        };
        this.lifecycle = MessengerLifecycle.builder()
                .conversationStore(conversations)
                .messageStore(messages)
                .realtimePublisher(target)
                .errorLog(b.errorLog == null ? new InMemoryErrorLog() : b.errorLog)
                .settingsSource(b.settings == null ? new InMemorySettings() : b.settings)
                .clock(b.clock)
                .room(b.room)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Saves a Messenger Message doc. A {@code name} not stored yet is an insert (a missing name gets a new one); a
     * stored name is an update whose fields are laid over the stored doc. Runs validate, writes, then on_update.
     *
     * @throws io.github.frappemessenger.lifecycle.MessengerValidationException when validate refuses the doc
     *     (nothing is stored then)
     * @throws MessengerException when the store fails; {@link MessengerException#isTransient()} says whether to retry
     * @throws IllegalArgumentException when a field has the wrong type
     */
    public SaveResult save(Map<String, ?> doc) {
        Objects.requireNonNull(doc, "doc");
        Object rawName = doc.get("name");
        String name = rawName == null || rawName.toString().isBlank() ? names.get() : rawName.toString();
        return locks.withLock(name, () -> {
            TransactionalOutbox box = outbox;
            if (box == null) {
                return write(doc, name);
            }
            SaveResult result = box.inTransaction(() -> {
                SaveResult r = write(doc, name);
                Optional<RuntimeException> failure = r.outcome().failure();
                if (failure.isPresent()) {
                    throw failure.get(); // the events could not be written with the save: roll it back
                }
                return r;
            });
            relayAfterCommit();
            return result;
        });
    }

    private SaveResult write(Map<String, ?> doc, String name) {
        Optional<MessengerMessage> stored = messages.get(name);
        MessengerMessage candidate = stored.map(m -> m.mergedWith(doc))
                .orElseGet(() -> MessengerMessage.fromDoc(withName(doc, name)));
        MessengerMessage validated = lifecycle.validate(candidate);
        messages.save(validated);
        UpdateOutcome outcome = lifecycle.onUpdate(validated);
        return new SaveResult(stored.isEmpty(), validated, outcome);
    }

    private void relayAfterCommit() {
        try {
            relayPending();
        } catch (RuntimeException e) {
            // The save stands; its events stay in the outbox for the next relay.
            log.warn("events committed but not yet published; they go out with the next save or relayPending()", e);
        }
    }

    /**
     * Publishes the events that were committed but not yet published — after a crash between a commit and its
     * publication, call it once on start. With no outbox there is never anything pending.
     *
     * @return how many events were published
     */
    public int relayPending() {
        TransactionalOutbox box = outbox;
        return box == null ? 0 : box.relay(publishers::publishAll);
    }

    public MessengerLifecycle lifecycle() {
        return lifecycle;
    }

    public ConversationStore conversations() {
        return conversations;
    }

    public MessageStore messages() {
        return messages;
    }

    private static Map<String, Object> withName(Map<String, ?> doc, String name) {
        Map<String, Object> copy = new LinkedHashMap<>(doc);
        copy.put("name", name);
        return copy;
    }

    private static <T> T require(@Nullable T value, String what) {
        if (value == null) {
            throw new IllegalStateException("Messenger needs a " + what);
        }
        return value;
    }

    /** A random name like Frappe's hash naming, unique across processes that share a database. */
    static String randomName() {
        byte[] bytes = new byte[8];
        RandomHolder.RANDOM.nextBytes(bytes);
        return "MSG-" + HexFormat.of().formatHex(bytes);
    }

    private static final class RandomHolder {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    /**
     * Wires a messenger to its ports. Required: the conversation and message stores. By default the error log is
     * kept in memory (and logged through slf4j) and the settings are enabled. With no publisher the events are only
     * returned in the {@link SaveResult}. Each setter checks its argument at once and
     * refuses to be called twice; nothing starts until {@link #build}.
     */
    public static final class Builder {
        private @Nullable ConversationStore conversations;
        private @Nullable MessageStore messages;
        private final List<RealtimePublisher> publishers = new ArrayList<>();
        private @Nullable ErrorLog errorLog;
        private @Nullable SettingsSource settings;
        private @Nullable TransactionalOutbox outbox;
        private Clock clock = Clock.systemDefaultZone();
        private Room room = Room.all();
        private Supplier<String> names = Messenger::randomName;
        private boolean clockSet;
        private boolean roomSet;
        private boolean namesSet;

        private Builder() {
        }

        public Builder conversationStore(ConversationStore store) {
            conversations = once(conversations, store, "conversationStore");
            return this;
        }

        public Builder messageStore(MessageStore store) {
            messages = once(messages, store, "messageStore");
            return this;
        }

        /** Adds a publisher; the events of each save go to every one added, in the order added. */
        public Builder addPublisher(RealtimePublisher publisher) {
            publishers.add(Objects.requireNonNull(publisher, "publisher"));
            return this;
        }

        public Builder errorLog(ErrorLog log) {
            errorLog = once(errorLog, log, "errorLog");
            return this;
        }

        public Builder settingsSource(SettingsSource source) {
            settings = once(settings, source, "settingsSource");
            return this;
        }

        /** Makes saves transactional: the stores must be the outbox's own (see messenger-jdbc). */
        public Builder transactionalOutbox(TransactionalOutbox box) {
            outbox = once(outbox, box, "transactionalOutbox");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = once(clockSet ? this.clock : null, clock, "clock");
            clockSet = true;
            return this;
        }

        /** The room every event goes to; {@code all} (desk users) by default, as in Frappe CRM. */
        public Builder room(Room room) {
            this.room = once(roomSet ? this.room : null, room, "room");
            roomSet = true;
            return this;
        }

        /** Names for docs saved without one; random ({@code MSG-} and 16 hex digits) by default. */
        public Builder names(Supplier<String> names) {
            this.names = once(namesSet ? this.names : null, names, "names");
            namesSet = true;
            return this;
        }

        public Messenger build() {
            return new Messenger(this);
        }

        private static <T> T once(@Nullable T current, @Nullable T value, String what) {
            Objects.requireNonNull(value, what);
            if (current != null) {
                throw new IllegalStateException(what + " was set already");
            }
            return value;
        }
    }
}
