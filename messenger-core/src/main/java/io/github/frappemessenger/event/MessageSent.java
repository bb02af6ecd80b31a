package io.github.frappemessenger.event;

import io.github.frappemessenger.model.MessengerMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code messenger:message_sent}: {"conversation_id": "...", "message": {...}, "version": n}, for an outgoing message. */
public record MessageSent(String conversationId, MessengerMessage message, long version) implements MessengerEvent {
    public static final String NAME = "messenger:message_sent";

    public MessageSent {
        MessengerEvent.checkVersion(version);
    }

    /** Not versioned. */
    public MessageSent(String conversationId, MessengerMessage message) {
        this(conversationId, message, 0);
    }

    @Override
    public String eventName() {
        return NAME;
    }

    @Override
    public Map<String, Object> payload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("conversation_id", conversationId);
        p.put("message", message.toDoc());
        return MessengerEvent.versioned(p, version);
    }

    @Override
    public MessageSent withVersion(long version) {
        return new MessageSent(conversationId, message, version);
    }
}
