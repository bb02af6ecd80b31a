package io.github.frappemessenger;

import io.github.frappemessenger.embedded.InMemoryErrorLog;
import io.github.frappemessenger.embedded.InMemorySettings;
import io.github.frappemessenger.event.Room;
import io.github.frappemessenger.event.RoomPolicy;
import io.github.frappemessenger.internal.Builders;
import io.github.frappemessenger.internal.FanOutPublisher;
import io.github.frappemessenger.internal.FrappeStamps;
import io.github.frappemessenger.internal.OutboxRuns;
import io.github.frappemessenger.internal.StripedLocks;
import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.lifecycle.UpdateOutcome;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.ConversationStates;
import io.github.frappemessenger.port.ConversationStore;
import io.github.frappemessenger.port.ConversationVersions;
import io.github.frappemessenger.port.ErrorLog;
import io.github.frappemessenger.port.MessageStore;
import io.github.frappemessenger.port.RealtimePublisher;
import io.github.frappemessenger.port.SettingsSource;
import io.github.frappemessenger.port.TransactionalOutbox;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The messenger on any store: {@link #save} plays what Frappe does on a save of a Messenger Message — insert or
 * update by name, merge into the stored doc, validate, write, on_update — with one save per message name at a time
 * in this process. The events of a save go to every configured publisher, in order. With a
 * {@link TransactionalOutbox} the message, the conversation change and the events are written in one transaction and
 * the events are published only after the commit. {@link #saveConversation} does the same for a Messenger
 * Conversation. Docs are stamped with Frappe's own fields ({@code owner}, {@code creation},
 * {@code modified}, ...), so that events carry whole docs as a site's do. Thread-safe when its ports are.
 */
public final class Messenger {

    private final ConversationStore conversations;
    private final MessageStore messages;
    private final OutboxRuns runs;
    private final Supplier<String> names;
    private final FrappeStamps stamps;
    private final MessengerLifecycle lifecycle;
    private final StripedLocks locks = new StripedLocks(64); // one save per message name at a time

    private Messenger(Builder b) {
        this.conversations = Builders.required(b.conversations, "Messenger", "conversationStore");
        this.messages = Builders.required(b.messages, "Messenger", "messageStore");
        this.names = b.names;
        this.stamps = new FrappeStamps(b.clock, b.user);
        this.runs = new OutboxRuns(b.outbox, new FanOutPublisher(b.publishers));
        MessengerLifecycle.Builder lb = MessengerLifecycle.builder()
                .conversationStore(conversations)
                .messageStore(messages)
                .realtimePublisher(runs.target())
                .errorLog(b.errorLog == null ? new InMemoryErrorLog() : b.errorLog)
                .settingsSource(b.settings == null ? new InMemorySettings() : b.settings)
                .clock(b.clock)
                .roomPolicy(b.rooms);
        if (b.versions != null) {
            lb.conversationVersions(b.versions);
        }
        if (b.states != null) {
            lb.conversationStates(b.states);
        }
        this.lifecycle = lb.build();
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
        return locks.withLock(name, () -> runs.run(() -> write(doc, name), SaveResult::outcome));
    }

    /**
     * Saves a stored Messenger Conversation doc (an agent blocks it, changes its status, ...): the fields are laid
     * over the stored doc; a changed {@code status} appends a row to its {@code status_log}, as the Messenger
     * Conversation controller's before_save does; then on_update announces block and status changes. Transactional
     * with an outbox, as {@link #save}.
     *
     * @return the conversation as stored
     * @throws ConversationNotFoundException when no conversation has that name
     * @throws IllegalArgumentException when the doc has no name or a field has the wrong type
     * @throws UnsupportedOperationException when the conversation store cannot save whole conversations
     */
    public MessengerConversation saveConversation(Map<String, ?> doc) {
        Objects.requireNonNull(doc, "doc");
        Object rawName = doc.get("name");
        if (rawName == null || rawName.toString().isBlank()) {
            throw new IllegalArgumentException("the Messenger Conversation doc has no 'name'");
        }
        String name = rawName.toString();
        record Saved(MessengerConversation conversation, UpdateOutcome outcome) {
        }
        return locks.withLock(MessengerConversation.DOCTYPE + "/" + name, () -> runs.run(() -> {
            MessengerConversation saved = conversations.update(name, stored -> {
                MessengerConversation merged = stored.mergedWith(stamps.saved(doc));
                return Objects.equals(stored.status(), merged.status()) ? merged : stamps.withStatusLogRow(merged);
            });
            return new Saved(saved, lifecycle.onConversationUpdate(saved));
        }, Saved::outcome)).conversation();
    }

    private SaveResult write(Map<String, ?> doc, String name) {
        Optional<MessengerMessage> stored = messages.get(name);
        MessengerMessage candidate = stored.map(m -> m.mergedWith(stamps.saved(doc)))
                .orElseGet(() -> MessengerMessage.fromDoc(stamps.inserted(MessengerMessage.DOCTYPE,
                        withName(doc, name))));
        MessengerMessage validated = lifecycle.validate(candidate);
        messages.save(validated);
        UpdateOutcome outcome = lifecycle.onUpdate(validated);
        return new SaveResult(stored.isEmpty(), validated, outcome);
    }

    /**
     * Publishes the events that were committed but not yet published — after a crash between a commit and its
     * publication, call it once on start. With no outbox there is never anything pending.
     *
     * @return how many events were published
     */
    public int relayPending() {
        return runs.relayPending();
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

    /** A random name like Frappe's hash naming, unique across processes that share a database. */
    static String randomName() {
        return FrappeStamps.randomName("MSG-");
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
        private RoomPolicy rooms = RoomPolicy.all();
        private String user = FrappeStamps.ADMINISTRATOR;
        private @Nullable ConversationVersions versions;
        private @Nullable ConversationStates states;
        private Supplier<String> names = Messenger::randomName;
        private boolean clockSet;
        private boolean roomSet;
        private boolean userSet;
        private boolean namesSet;

        private Builder() {
        }

        public Builder conversationStore(ConversationStore store) {
            conversations = Builders.once(conversations, store, "conversationStore");
            return this;
        }

        public Builder messageStore(MessageStore store) {
            messages = Builders.once(messages, store, "messageStore");
            return this;
        }

        /** Adds a publisher; the events of each save go to every one added, in the order added. */
        public Builder addPublisher(RealtimePublisher publisher) {
            publishers.add(Objects.requireNonNull(publisher, "publisher"));
            return this;
        }

        public Builder errorLog(ErrorLog log) {
            errorLog = Builders.once(errorLog, log, "errorLog");
            return this;
        }

        public Builder settingsSource(SettingsSource source) {
            settings = Builders.once(settings, source, "settingsSource");
            return this;
        }

        /** Makes saves transactional: the stores must be the outbox's own (see messenger-jdbc). */
        public Builder transactionalOutbox(TransactionalOutbox box) {
            outbox = Builders.once(outbox, box, "transactionalOutbox");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Builders.once(clockSet ? this.clock : null, clock, "clock");
            clockSet = true;
            return this;
        }

        /** The room every event goes to; {@code all} (desk users) by default, as in Frappe CRM. */
        public Builder room(Room room) {
            return roomPolicy(RoomPolicy.fixed(Objects.requireNonNull(room, "room")));
        }

        /** Which rooms a conversation's events go to ({@link RoomPolicy#all()} by default); or {@link #room}. */
        public Builder roomPolicy(RoomPolicy policy) {
            this.rooms = Builders.once(roomSet ? this.rooms : null, policy, "room policy");
            roomSet = true;
            return this;
        }

        /** Who saves: the {@code owner}/{@code modified_by} of docs and status log rows ("Administrator"). */
        public Builder user(String user) {
            this.user = Builders.once(userSet ? this.user : null, user, "user");
            userSet = true;
            return this;
        }

        /** Where event versions are counted; in this JVM by default (one process only: share a store for more). */
        public Builder conversationVersions(ConversationVersions versions) {
            this.versions = Builders.once(this.versions, versions, "conversationVersions");
            return this;
        }

        /** Where each conversation's last seen block flag and status are kept; in this JVM by default. */
        public Builder conversationStates(ConversationStates states) {
            this.states = Builders.once(this.states, states, "conversationStates");
            return this;
        }

        /** Names for docs saved without one; random ({@code MSG-} and 16 hex digits) by default. */
        public Builder names(Supplier<String> names) {
            this.names = Builders.once(namesSet ? this.names : null, names, "names");
            namesSet = true;
            return this;
        }

        public Messenger build() {
            return new Messenger(this);
        }
    }
}
