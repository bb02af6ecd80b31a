package io.github.frappemessenger.event;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code messenger:block_status_update}: {"conversation_id": "...", "blocked": 0/1}; the page drops a blocked chat. */
public record BlockStatusUpdate(String conversationId, boolean blocked) implements MessengerEvent {
    public static final String NAME = "messenger:block_status_update";

    @Override
    public String eventName() {
        return NAME;
    }

    @Override
    public Map<String, Object> payload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("conversation_id", conversationId);
        p.put("blocked", blocked ? 1 : 0);
        return p;
    }
}
