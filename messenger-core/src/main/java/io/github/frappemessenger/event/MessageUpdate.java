package io.github.frappemessenger.event;

import io.github.frappemessenger.model.MessengerMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code messenger:message_update}: {"message": {...}, "conversation_id": "...", "type": "new", "version": n}. */
public record MessageUpdate(MessengerMessage message, String conversationId, long version) implements MessengerEvent {
    public static final String NAME = "messenger:message_update";

    public MessageUpdate {
        MessengerEvent.checkVersion(version);
    }

    /** Not versioned. */
    public MessageUpdate(MessengerMessage message, String conversationId) {
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
    public MessageUpdate withVersion(long version) {
        return new MessageUpdate(message, conversationId, version);
    }
}
