package io.github.frappemessenger.internal;

import io.github.frappemessenger.event.BlockStatusUpdate;
import io.github.frappemessenger.event.ConversationStatusUpdate;
import io.github.frappemessenger.event.ConversationUpdate;
import io.github.frappemessenger.event.MessageAutoSent;
import io.github.frappemessenger.event.MessageSent;
import io.github.frappemessenger.event.MessageStatusUpdate;
import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.event.MessengerEvent;
import io.github.frappemessenger.event.UnreadUpdate;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a received event (name and payload, as a Socket.IO client hands them over) back into a typed
 * {@link MessengerEvent}. Unknown event names give empty; a known name with a malformed payload throws
 * {@link IllegalArgumentException} naming what is wrong.
 */
public final class EventDecoder {

    public Optional<MessengerEvent> decode(String eventName, Map<String, ?> payload) {
        if (payload == null) {
            throw new IllegalArgumentException(eventName + ": payload is missing");
        }
        long v = version(eventName, payload);
        return Optional.ofNullable(switch (eventName) {
            case ConversationUpdate.NAME -> new ConversationUpdate(
                    MessengerConversation.fromDoc(object(eventName, payload, "conversation")), v);
            case MessageUpdate.NAME -> new MessageUpdate(
                    MessengerMessage.fromDoc(object(eventName, payload, "message")),
                    text(eventName, payload, "conversation_id"), v);
            case UnreadUpdate.NAME -> new UnreadUpdate(text(eventName, payload, "conversation_id"),
                    number(eventName, payload, "unread_count"), v);
            case MessageSent.NAME -> new MessageSent(text(eventName, payload, "conversation_id"),
                    MessengerMessage.fromDoc(object(eventName, payload, "message")), v);
            case MessageStatusUpdate.NAME -> new MessageStatusUpdate(optionalText(payload, "message_id"),
                    optionalText(payload, "status"), optionalText(payload, "name"),
                    optionalText(payload, "conversation_id"), v);
            case BlockStatusUpdate.NAME -> new BlockStatusUpdate(text(eventName, payload, "conversation_id"),
                    number(eventName, payload, "blocked") != 0, v);
            case ConversationStatusUpdate.NAME -> new ConversationStatusUpdate(
                    text(eventName, payload, "conversation_id"), optionalText(payload, "status"),
                    statusLog(eventName, payload), v);
            case MessageAutoSent.NAME -> new MessageAutoSent(
                    MessengerMessage.fromDoc(object(eventName, payload, "message")),
                    text(eventName, payload, "conversation_id"), v);
            default -> null;
        });
    }

    private static ConversationStatusUpdate.StatusLog statusLog(String event, Map<String, ?> payload) {
        Map<String, ?> log = object(event, payload, "status_log");
        return new ConversationStatusUpdate.StatusLog(optionalText(log, "status"), optionalText(log, "changed_on"),
                optionalText(log, "changed_by"));
    }

    /** The payload's {@code version}; 0 when absent (an unversioned sender). */
    private static long version(String event, Map<String, ?> payload) {
        if (payload.get(MessengerEvent.VERSION) == null) {
            return 0;
        }
        long v = number(event, payload, MessengerEvent.VERSION);
        if (v < 0) {
            throw new IllegalArgumentException(event + ": 'version' must not be negative, got " + v);
        }
        return v;
    }

    private static Map<String, ?> object(String event, Map<String, ?> payload, String key) {
        Object v = payload.get(key);
        if (v instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, ?> typed = (Map<String, ?>) m;
            return typed;
        }
        throw new IllegalArgumentException(event + ": '" + key + "' must be an object, got " + v);
    }

    private static String text(String event, Map<String, ?> payload, String key) {
        Object v = payload.get(key);
        if (v == null || v.toString().isBlank()) {
            throw new IllegalArgumentException(event + ": '" + key + "' is missing");
        }
        return v.toString();
    }

    private static String optionalText(Map<String, ?> payload, String key) {
        Object v = payload.get(key);
        return v == null ? null : v.toString();
    }

    private static long number(String event, Map<String, ?> payload, String key) {
        Object v = payload.get(key);
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(event + ": '" + key + "' must be a number, got " + v, e);
        }
    }
}
