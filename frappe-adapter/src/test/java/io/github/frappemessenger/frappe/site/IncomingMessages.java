package io.github.frappemessenger.frappe.site;

import io.github.frappemessenger.model.MessengerMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/** Incoming Messenger Messages as a webhook would hand them over (no conversation yet). */
final class IncomingMessages {
    private IncomingMessages() {
    }

    static MessengerMessage incoming(String name, String senderId, String text, String timestamp) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", name);
        doc.put("message_id", "mid." + name);
        doc.put("message", text);
        doc.put("sender_id", senderId);
        doc.put("platform", "Facebook");
        doc.put("message_direction", "Incoming");
        doc.put("timestamp", timestamp);
        doc.put("is_read", 0);
        doc.put("content_type", "text");
        doc.put("status", "received");
        return MessengerMessage.fromDoc(doc);
    }
}
