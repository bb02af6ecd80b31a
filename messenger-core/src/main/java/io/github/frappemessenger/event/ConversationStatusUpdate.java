package io.github.frappemessenger.event;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code messenger:conversation_status_update}: {"conversation_id": "...", "status": "...", "status_log":
 * {"status", "changed_on", "changed_by"}, "version": n}, when a conversation's {@code status} changes;
 * {@code status_log} is the last row of the conversation's Status Log.
 */
public record ConversationStatusUpdate(String conversationId, String status, StatusLog statusLog, long version)
        implements MessengerEvent {
    public static final String NAME = "messenger:conversation_status_update";

    /** One row of a conversation's Status Log: the status, when (a Frappe date-time text) and by which user. */
    public record StatusLog(String status, String changedOn, String changedBy) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", status);
            m.put("changed_on", changedOn);
            m.put("changed_by", changedBy);
            return m;
        }
    }

    public ConversationStatusUpdate {
        Objects.requireNonNull(statusLog, "statusLog");
        MessengerEvent.checkVersion(version);
    }

    /** Not versioned. */
    public ConversationStatusUpdate(String conversationId, String status, StatusLog statusLog) {
        this(conversationId, status, statusLog, 0);
    }

    @Override
    public String eventName() {
        return NAME;
    }

    @Override
    public Map<String, Object> payload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("conversation_id", conversationId);
        p.put("status", status);
        p.put("status_log", statusLog.toMap());
        return MessengerEvent.versioned(p, version);
    }

    @Override
    public ConversationStatusUpdate withVersion(long version) {
        return new ConversationStatusUpdate(conversationId, status, statusLog, version);
    }
}
