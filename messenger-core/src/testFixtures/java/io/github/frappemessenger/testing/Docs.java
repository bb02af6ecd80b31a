package io.github.frappemessenger.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Messenger Message docs for tests, with Frappe's field names. */
public final class Docs {
    private Docs() {
    }

    public static Map<String, Object> incoming(String name, String senderId, String text, String timestamp) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("doctype", "Messenger Message");
        doc.put("name", name);
        doc.put("message_id", "mid-" + name);
        doc.put("message", text);
        doc.put("sender_id", senderId);
        doc.put("timestamp", timestamp);
        doc.put("message_direction", "Incoming");
        doc.put("conversation", null);
        doc.put("is_read", 0);
        doc.put("content_type", "text");
        doc.put("attach", null);
        doc.put("status", "received");
        doc.put("platform", "Messenger");
        return doc;
    }

    public static Map<String, Object> outgoing(String name, String senderId, String text, String timestamp) {
        Map<String, Object> doc = incoming(name, senderId, text, timestamp);
        doc.put("message_direction", "Outgoing");
        doc.put("is_read", 1);
        doc.put("status", "sent");
        doc.put("sender_user", "agent@example.com");
        return doc;
    }

    public static Map<String, Object> with(Map<String, Object> doc, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(doc);
        copy.put(field, value);
        return copy;
    }
}
