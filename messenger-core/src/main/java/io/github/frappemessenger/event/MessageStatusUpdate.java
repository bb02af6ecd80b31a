package io.github.frappemessenger.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code messenger:message_status_update}: {"message_id": "...", "status": "...", "name": "...", "conversation_id":
 * "...", "version": n}, on every save of a message. Frappe CRM sends the first three keys; {@code conversation_id}
 * (absent when null) is ours, so that a client can order the event within its conversation.
 */
public record MessageStatusUpdate(String messageId, String status, String name, String conversationId, long version)
        implements MessengerEvent {
    public static final String NAME = "messenger:message_status_update";

    public MessageStatusUpdate {
        MessengerEvent.checkVersion(version);
    }

    /** Without conversation, not versioned: Frappe CRM's payload. */
    public MessageStatusUpdate(String messageId, String status, String name) {
        this(messageId, status, name, null, 0);
    }

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
        if (conversationId != null) {
            p.put("conversation_id", conversationId);
        }
        return MessengerEvent.versioned(p, version);
    }

    @Override
    public MessageStatusUpdate withVersion(long version) {
        return new MessageStatusUpdate(messageId, status, name, conversationId, version);
    }
}
