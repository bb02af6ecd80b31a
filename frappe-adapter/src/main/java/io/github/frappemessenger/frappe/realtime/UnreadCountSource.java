package io.github.frappemessenger.frappe.realtime;

import java.util.Map;

/**
 * Reads the unread counts of the site's conversations, the poll Frappe CRM's Messenger page used:
 * {@code frappe.client.get_list} on Messenger Message with fields
 * {@code ["conversation", "count(name) as unread_count"]}, filters {@code message_direction = Incoming} and
 * {@code is_read = 0}, {@code group_by: "conversation"}. A conversation missing from the map has no unread
 * messages. Called from the client's recovery thread; may block on I/O and may throw (the client logs and retries).
 */
@FunctionalInterface
public interface UnreadCountSource {

    /** Conversation name to the number of its unread incoming messages. */
    Map<String, Long> fetchUnreadCounts();
}
