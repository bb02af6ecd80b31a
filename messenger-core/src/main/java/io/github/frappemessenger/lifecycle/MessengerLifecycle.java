package io.github.frappemessenger.lifecycle;

import io.github.frappemessenger.ConversationNotFoundException;
import io.github.frappemessenger.event.ConversationUpdate;
import io.github.frappemessenger.event.MessageSent;
import io.github.frappemessenger.event.MessageStatusUpdate;
import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.event.Room;
import io.github.frappemessenger.event.UnreadUpdate;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.ConversationStore;
import io.github.frappemessenger.port.ErrorLog;
import io.github.frappemessenger.port.MessageStore;
import io.github.frappemessenger.port.RealtimePublisher;
import io.github.frappemessenger.port.SettingsSource;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The document events of a Messenger Message, as Frappe CRM's {@code crm/api/messenger.py} defines them:
 * {@link #validate} before the write, {@link #onUpdate} after it, and {@link #getOrCreateConversation}.
 * Thread-safe when its ports are.
 */
public final class MessengerLifecycle {
    /** The Error Log title of a failure inside on_update, as in Frappe CRM. */
    public static final String UPDATE_ERROR_TITLE = "Messenger Update Error";

    private final ConversationStore conversations;
    private final MessageStore messages;
    private final RealtimePublisher publisher;
    private final SettingsSource settings;
    private final Clock clock;
    private final Room room;
    private final UpdateErrorReporter errors;

    private MessengerLifecycle(Builder b) {
        this.conversations = Objects.requireNonNull(b.conversations, "conversationStore");
        this.messages = Objects.requireNonNull(b.messages, "messageStore");
        this.publisher = Objects.requireNonNull(b.publisher, "realtimePublisher");
        this.settings = Objects.requireNonNull(b.settings, "settingsSource");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.room = Objects.requireNonNull(b.room, "room");
        this.errors = new UpdateErrorReporter(Objects.requireNonNull(b.errorLog, "errorLog"));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Before the write: refuses a message without {@code sender_id} or {@code platform} or with an unknown
     * {@code message_direction}; puts a message without {@code conversation} into the conversation of its
     * (platform, sender_id), creating it if missing; moves the conversation's last message forward. With Messenger
     * Settings disabled, returns the message unchanged and creates nothing.
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
            List<RealtimeEvent> events = eventsOf(message);
            publisher.publishAll(events);
            return UpdateOutcome.emitted(events);
        } catch (RuntimeException e) {
            errors.report(message, e);
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

    private List<RealtimeEvent> eventsOf(MessengerMessage message) {
        if (isBlank(message.conversation())) {
            throw new IllegalStateException("Messenger Message " + message.name()
                    + " has no conversation; was validate skipped?");
        }
        String conversationName = message.conversation();
        MessengerConversation conversation = conversations.get(conversationName).orElseThrow(
                () -> new ConversationNotFoundException(conversationName));
        List<RealtimeEvent> events = new ArrayList<>(4);
        if (message.isIncoming()) {
            events.add(new RealtimeEvent(new ConversationUpdate(conversation), room));
            events.add(new RealtimeEvent(new MessageUpdate(message, conversationName), room));
            events.add(new RealtimeEvent(new UnreadUpdate(conversationName, messages.countUnread(conversationName)),
                    room));
        } else if (message.isOutgoing()) {
            events.add(new RealtimeEvent(new MessageSent(conversationName, message), room));
            events.add(new RealtimeEvent(new ConversationUpdate(conversation), room));
        }
        events.add(new RealtimeEvent(new MessageStatusUpdate(message.messageId(), message.status(), message.name()),
                room));
        return events;
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
        private Room room = Room.all();

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
            this.room = room;
            return this;
        }

        public MessengerLifecycle build() {
            return new MessengerLifecycle(this);
        }
    }
}
