package io.github.frappemessenger.event;

import io.github.frappemessenger.model.MessengerMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code messenger:message_auto_sent}: {"message": {...}, "conversation_id": "...", "type": "new", "version": n},
 * for an outgoing message with {@code is_auto_generated_outgoing_message} = 1 whose {@code status} is "sent".
 */
public record MessageAutoSent(MessengerMessage message, String conversationId, long version)
        implements MessengerEvent {
    public static final String NAME = "messenger:message_auto_sent";

    public MessageAutoSent {
        MessengerEvent.checkVersion(version);
    }

    /** Not versioned. */
    public MessageAutoSent(MessengerMessage message, String conversationId) {
        this(message, conversationId, 0);
    }

    @Override
    public String eventName() {
        return NAME;
    }

    @Override
    public Map<String, Object> payload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("message", message.toDoc());
        p.put("conversation_id", conversationId);
        p.put("type", "new");
        return MessengerEvent.versioned(p, version);
    }

    @Override
    public MessageAutoSent withVersion(long version) {
        return new MessageAutoSent(message, conversationId, version);
    }
}
