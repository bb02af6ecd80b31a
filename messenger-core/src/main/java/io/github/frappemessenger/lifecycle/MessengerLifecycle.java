package io.github.frappemessenger.lifecycle;

import io.github.frappemessenger.ConversationNotFoundException;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.event.Room;
import io.github.frappemessenger.event.RoomPolicy;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.ConversationStates;
import io.github.frappemessenger.port.ConversationStates.State;
import io.github.frappemessenger.port.ConversationStore;
import io.github.frappemessenger.port.ConversationVersions;
import io.github.frappemessenger.port.ErrorLog;
import io.github.frappemessenger.port.MessageStore;
import io.github.frappemessenger.port.RealtimePublisher;
import io.github.frappemessenger.port.SettingsSource;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The document events of a Messenger Message, as Frappe CRM's {@code crm/api/messenger.py} defines them:
 * {@link #validate} before the write, {@link #onUpdate} after it, and {@link #getOrCreateConversation}; and of a
 * Messenger Conversation: {@link #onConversationUpdate}. Every event carries the conversation's next version
 * ({@link ConversationVersions}) and goes to the rooms its {@link RoomPolicy} names. Thread-safe when its ports are.
 */
public final class MessengerLifecycle {
    /** The Error Log title of a failure inside on_update, as in Frappe CRM. */
    public static final String UPDATE_ERROR_TITLE = "Messenger Update Error";
    /** The Error Log title of a failure inside a conversation's on_update, as in Frappe CRM. */
    public static final String CONVERSATION_UPDATE_ERROR_TITLE = "Messenger Conversation Update Error";

    private final ConversationStore conversations;
    private final MessageStore messages;
    private final SettingsSource settings;
    private final Clock clock;
    private final ConversationStates states;
    private final Announcer announcer;
    private final UpdateErrorReporter errors;

    private MessengerLifecycle(Builder b) {
        this.conversations = Objects.requireNonNull(b.conversations, "conversationStore");
        this.messages = Objects.requireNonNull(b.messages, "messageStore");
        this.settings = Objects.requireNonNull(b.settings, "settingsSource");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.states = Objects.requireNonNull(b.states, "conversationStates");
        this.announcer = new Announcer(Objects.requireNonNull(b.versions, "conversationVersions"),
                Objects.requireNonNull(b.rooms, "roomPolicy"),
                Objects.requireNonNull(b.publisher, "realtimePublisher"));
        this.errors = new UpdateErrorReporter(Objects.requireNonNull(b.errorLog, "errorLog"));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Before the write: refuses a message without {@code sender_id} or {@code platform} or with an unknown
     * {@code message_direction}, and a message whose provider {@code message_id} on its platform is already stored
     * under another name ({@link DuplicateMessageException}); puts a message without {@code conversation} into the
     * conversation of its (platform, sender_id), creating it if missing; moves the conversation's last message
     * forward. With Messenger Settings disabled, returns the message unchanged and creates nothing.
     *
     * @return the message as it should be written
     * @throws MessengerValidationException when the save must be refused
     */
    public MessengerMessage validate(MessengerMessage message) {
        Objects.requireNonNull(message, "message");
        if (!settings.current().enabled()) {
            return message;
        }
        requireText(message, message.senderId(), "sender_id");
        requireText(message, message.platform(), "platform");
        if (message.direction().isEmpty()) {
            throw new MessengerValidationException(message.name(), "message_direction must be Incoming or Outgoing, got "
                    + (message.messageDirection() == null ? "nothing" : "'" + message.messageDirection() + "'"));
        }
        refuseDuplicate(message);
        MessengerMessage result = message.timestamp() == null
                ? message.withTimestamp(LocalDateTime.now(clock)) : message;
        if (isBlank(result.conversation())) {
            result = result.withConversation(getOrCreateConversation(result.platform(), result.senderId()).name());
        }
        conversations.recordLastMessage(result.conversation(), result.preview(), result.timestamp());
        return result;
    }

    /**
     * After the write: emits the realtime events of the save. Never throws: a failure is logged and written to the
     * error log as "Messenger Update Error", as Frappe CRM does, and the save stands. The outcome tells a caller
     * that cares (the webhook bridge answers 503 so that Frappe retries) what happened.
     */
    public UpdateOutcome onUpdate(MessengerMessage message) {
        try {
            if (!settings.current().enabled() || (message.isIncoming() && message.isAwaitingAttachment())) {
                return UpdateOutcome.emitted(List.of());
            }
            return UpdateOutcome.emitted(announce(message));
        } catch (RuntimeException e) {
            errors.report(message, e);
            return UpdateOutcome.failed(e);
        }
    }

    /**
     * After a save of a Messenger Conversation (Frappe CRM's {@code on_conversation_update}): block_status_update
     * when {@code block_chat} changed, conversation_status_update when {@code status} did. "Changed" is against the
     * state last seen of the conversation ({@link ConversationStates}); one never seen is taken to have held the
     * defaults (not blocked, "Open"). Never throws: a failure is logged and written to the error log as "Messenger
     * Conversation Update Error", and the state seen before is put back so that a retry announces the change.
     */
    public UpdateOutcome onConversationUpdate(MessengerConversation conversation) {
        Objects.requireNonNull(conversation, "conversation");
        Optional<State> before = Optional.empty();
        boolean exchanged = false;
        try {
            if (isBlank(conversation.name())) {
                throw new IllegalArgumentException("Messenger Conversation doc has no name");
            }
            if (!settings.current().enabled()) {
                return UpdateOutcome.emitted(List.of());
            }
            before = states.exchange(conversation.name(), SaveEvents.stateOf(conversation));
            exchanged = true;
            State previous = before.orElse(SaveEvents.DEFAULT_STATE);
            return UpdateOutcome.emitted(announcer.announce(conversation.name(), () -> new Announcer.Plan(
                    conversation, SaveEvents.ofConversation(conversation, previous, LocalDateTime.now(clock)))));
        } catch (RuntimeException e) {
            if (exchanged) {
                restore(conversation.name(), before.orElse(SaveEvents.DEFAULT_STATE), e);
            }
            errors.report(MessengerConversation.DOCTYPE, conversation.name(), CONVERSATION_UPDATE_ERROR_TITLE, e);
            return UpdateOutcome.failed(e);
        }
    }

    /**
     * Records a failure met while handling a message that is already written — for a caller that runs validate's
     * work after the write, as a webhook bridge must — the way {@link #onUpdate} records its own: slf4j and the error
     * log, titled "Messenger Update Error". Never throws.
     */
    public void reportUpdateError(MessengerMessage message, RuntimeException failure) {
        errors.report(message, failure);
    }

    /** The conversation of this sender on this platform; created if missing, never twice. */
    public MessengerConversation getOrCreateConversation(String platform, String senderId) {
        if (isBlank(platform) || isBlank(senderId)) {
            throw new MessengerValidationException(null, "platform and sender_id are required to find a conversation");
        }
        return conversations.findOrCreate(platform, senderId);
    }

    private List<RealtimeEvent> announce(MessengerMessage message) {
        if (isBlank(message.conversation())) {
            throw new IllegalStateException("Messenger Message " + message.name()
                    + " has no conversation; was validate skipped?");
        }
        String conversationName = message.conversation();
        return announcer.announce(conversationName, () -> {
            MessengerConversation conversation = SaveEvents.withState(conversations.get(conversationName).orElseThrow(
                    () -> new ConversationNotFoundException(conversationName)), states.current(conversationName));
            long unread = message.isIncoming() ? messages.countUnread(conversationName) : 0;
            return new Announcer.Plan(conversation, SaveEvents.ofMessage(message, conversation, unread));
        });
    }

    private void refuseDuplicate(MessengerMessage message) {
        if (isBlank(message.messageId())) {
            return;
        }
        Optional<String> stored = messages.nameByMessageId(message.platform(), message.messageId());
        if (stored.isPresent() && !stored.get().equals(message.name())) {
            throw new DuplicateMessageException(message.name(), message.platform(), message.messageId(),
                    stored.get());
        }
    }

    private void restore(String conversation, State state, RuntimeException failure) {
        try {
            states.exchange(conversation, state);
        } catch (RuntimeException e) {
            failure.addSuppressed(e); // reported with the failure's Error Log entry
        }
    }

    private static void requireText(MessengerMessage m, String value, String field) {
        if (isBlank(value)) {
            throw new MessengerValidationException(m.name(), field + " is required");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** Wires the lifecycle to its ports. Every port is required; {@code clock} defaults to the system clock. */
    public static final class Builder {
        private ConversationStore conversations;
        private MessageStore messages;
        private RealtimePublisher publisher;
        private ErrorLog errorLog;
        private SettingsSource settings;
        private Clock clock = Clock.systemDefaultZone();
        private RoomPolicy rooms = RoomPolicy.all();
        private ConversationVersions versions;
        private ConversationStates states;

        private Builder() {
        }

        public Builder conversationStore(ConversationStore store) {
            this.conversations = store;
            return this;
        }

        public Builder messageStore(MessageStore store) {
            this.messages = store;
            return this;
        }

        public Builder realtimePublisher(RealtimePublisher publisher) {
            this.publisher = publisher;
            return this;
        }

        public Builder errorLog(ErrorLog errorLog) {
            this.errorLog = errorLog;
            return this;
        }

        public Builder settingsSource(SettingsSource settings) {
            this.settings = settings;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The room every event goes to; {@code all} (desk users) by default, as in Frappe CRM. */
        public Builder room(Room room) {
            this.rooms = RoomPolicy.fixed(room);
            return this;
        }

        /** Which rooms a conversation's events go to ({@link RoomPolicy#all()} by default). */
        public Builder roomPolicy(RoomPolicy policy) {
            this.rooms = Objects.requireNonNull(policy, "roomPolicy");
            return this;
        }

        /**
         * Where versions are counted; {@link ConversationVersions#inJvm()} by default, which is right for one
         * process only: processes that publish for one site must share one store (Redis, the database).
         */
        public Builder conversationVersions(ConversationVersions versions) {
            this.versions = Objects.requireNonNull(versions, "conversationVersions");
            return this;
        }

        /** Where the last seen block flag and status of each conversation are kept; in this JVM by default. */
        public Builder conversationStates(ConversationStates states) {
            this.states = Objects.requireNonNull(states, "conversationStates");
            return this;
        }

        public MessengerLifecycle build() {
            versions = versions == null ? ConversationVersions.inJvm() : versions;
            states = states == null ? ConversationStates.inJvm() : states;
            return new MessengerLifecycle(this);
        }
    }
}
