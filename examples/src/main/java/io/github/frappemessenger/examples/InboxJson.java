package io.github.frappemessenger.examples;

import io.github.frappemessenger.inbox.InboxConversation;
import io.github.frappemessenger.inbox.MessengerInbox;
import io.github.frappemessenger.internal.FrappeDates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code {"inbox": {"conversations": [...]}}}: the inbox's list in display order, with Frappe's field names. */
final class InboxJson {
    private InboxJson() {
    }

    static Map<String, Object> of(MessengerInbox inbox) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (InboxConversation c : inbox.conversations()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", c.name());
            row.put("sender_id", c.senderId());
            row.put("platform", c.platform());
            row.put("last_message", c.lastMessage());
            row.put("last_message_time", c.lastMessageTime() == null ? null : FrappeDates.format(c.lastMessageTime()));
            row.put("unread_count", c.unreadCount());
            rows.add(row);
        }
        return Map.of("inbox", Map.of("conversations", rows));
    }
}
