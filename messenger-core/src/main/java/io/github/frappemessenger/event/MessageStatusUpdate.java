package io.github.frappemessenger.event;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code messenger:message_status_update}: {"message_id": "...", "status": "...", "name": "..."}, every save. */
public record MessageStatusUpdate(String messageId, String status, String name) implements MessengerEvent {
    public static final String NAME = "messenger:message_status_update";

    @Override
    public String eventName() {
        return NAME;
    }

    @Override
    public Map<String, Object> payload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("message_id", messageId);
        p.put("status", status);
        p.put("name", name);
        return p;
    }
}
