package io.github.frappemessenger.event;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code messenger:unread_update}: {"conversation_id": "...", "unread_count": n}. The page replaces its count. */
public record UnreadUpdate(String conversationId, long unreadCount) implements MessengerEvent {
    public static final String NAME = "messenger:unread_update";

    @Override
    public String eventName() {
        return NAME;
    }

    @Override
    public Map<String, Object> payload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("conversation_id", conversationId);
        p.put("unread_count", unreadCount);
        return p;
    }
}
