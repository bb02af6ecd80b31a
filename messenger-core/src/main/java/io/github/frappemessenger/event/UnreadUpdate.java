package io.github.frappemessenger.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code messenger:unread_update}: {"conversation_id": "...", "unread_count": n, "version": v}. The page replaces
 * its count.
 */
public record UnreadUpdate(String conversationId, long unreadCount, long version) implements MessengerEvent {
    public static final String NAME = "messenger:unread_update";

    public UnreadUpdate {
        MessengerEvent.checkVersion(version);
    }

    /** Not versioned. */
    public UnreadUpdate(String conversationId, long unreadCount) {
        this(conversationId, unreadCount, 0);
    }

    @Override
    public String eventName() {
        return NAME;
    }

    @Override
    public Map<String, Object> payload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("conversation_id", conversationId);
        p.put("unread_count", unreadCount);
        return MessengerEvent.versioned(p, version);
    }

    @Override
    public UnreadUpdate withVersion(long version) {
        return new UnreadUpdate(conversationId, unreadCount, version);
    }
}
