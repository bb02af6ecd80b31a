package io.github.frappemessenger.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code messenger:block_status_update}: {"conversation_id": "...", "blocked": 0/1, "version": n}, when a
 * conversation's {@code block_chat} changes; the page drops a blocked chat.
 */
public record BlockStatusUpdate(String conversationId, boolean blocked, long version) implements MessengerEvent {
    public static final String NAME = "messenger:block_status_update";

    public BlockStatusUpdate {
        MessengerEvent.checkVersion(version);
    }

    /** Not versioned. */
    public BlockStatusUpdate(String conversationId, boolean blocked) {
        this(conversationId, blocked, 0);
    }

    @Override
    public String eventName() {
        return NAME;
    }

    @Override
    public Map<String, Object> payload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("conversation_id", conversationId);
        p.put("blocked", blocked ? 1 : 0);
        return MessengerEvent.versioned(p, version);
    }

    @Override
    public BlockStatusUpdate withVersion(long version) {
        return new BlockStatusUpdate(conversationId, blocked, version);
    }
}
