package io.github.frappemessenger.event;

import io.github.frappemessenger.model.MessengerConversation;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code messenger:conversation_update}: {"conversation": {...}, "type": "update"}. */
public record ConversationUpdate(MessengerConversation conversation) implements MessengerEvent {
    public static final String NAME = "messenger:conversation_update";

    @Override
    public String eventName() {
        return NAME;
    }

    @Override
    public Map<String, Object> payload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("conversation", conversation.toDoc());
        p.put("type", "update");
        return p;
    }
}
