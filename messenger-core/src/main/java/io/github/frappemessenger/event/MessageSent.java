package io.github.frappemessenger.event;

import io.github.frappemessenger.model.MessengerMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code messenger:message_sent}: {"conversation_id": "...", "message": {...}}, for an outgoing message. */
public record MessageSent(String conversationId, MessengerMessage message) implements MessengerEvent {
    public static final String NAME = "messenger:message_sent";

    @Override
    public String eventName() {
        return NAME;
    }

    @Override
    public Map<String, Object> payload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("conversation_id", conversationId);
        p.put("message", message.toDoc());
        return p;
    }
}
