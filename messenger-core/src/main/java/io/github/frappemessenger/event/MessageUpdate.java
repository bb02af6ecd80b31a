package io.github.frappemessenger.event;

import io.github.frappemessenger.model.MessengerMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code messenger:message_update}: {"message": {...}, "conversation_id": "...", "type": "new"}. */
public record MessageUpdate(MessengerMessage message, String conversationId) implements MessengerEvent {
    public static final String NAME = "messenger:message_update";

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
        return p;
    }
}
