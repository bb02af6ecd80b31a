package io.github.frappemessenger.event;

import java.util.Map;

/**
 * One {@code messenger:*} realtime event: its Frappe event name and the payload that Frappe CRM's Messenger.vue
 * reads. Each implementation owns its name and payload shape (docs/protocol.md §6).
 */
public sealed interface MessengerEvent
        permits ConversationUpdate, MessageUpdate, UnreadUpdate, MessageSent, MessageStatusUpdate, BlockStatusUpdate {

    /** The Socket.IO event name, e.g. {@code messenger:unread_update}. */
    String eventName();

    /** The payload, as the JSON object Frappe publishes (a fresh, mutable map). */
    Map<String, Object> payload();
}
