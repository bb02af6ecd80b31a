package io.github.frappemessenger.event;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One {@code messenger:*} realtime event: its Frappe event name and the payload that Frappe CRM's Messenger.vue
 * reads. Each implementation owns its name and payload shape (docs/protocol.md §6).
 *
 * <p>Every event the lifecycle publishes carries a {@link #version()}: an integer that strictly increases with each
 * event of the same conversation, in every process that shares the version store. A client keeps the highest
 * version it applied per conversation (and per message) and ignores an event older than what it shows. Version 0
 * means "not versioned" (an event built by hand, or sent by a server that does not version): the payload then has
 * no {@code version} key and clients apply it unconditionally.
 */
public sealed interface MessengerEvent
        permits ConversationUpdate, MessageUpdate, UnreadUpdate, MessageSent, MessageStatusUpdate, BlockStatusUpdate,
        ConversationStatusUpdate, MessageAutoSent {

    /** The key of the version in every payload. */
    String VERSION = "version";

    /** The Socket.IO event name, e.g. {@code messenger:unread_update}. */
    String eventName();

    /** The payload, as the JSON object Frappe publishes (a fresh, mutable map), with {@code version} when set. */
    Map<String, Object> payload();

    /** The conversation the event is about; null only for a status update of a message without one. */
    @Nullable String conversationId();

    /** The per-conversation version; 0 when not versioned. */
    long version();

    /** This event with {@code version} (positive). */
    MessengerEvent withVersion(long version);

    /** Adds {@code "version"} to a payload when the event is versioned. */
    static Map<String, Object> versioned(Map<String, Object> payload, long version) {
        if (version > 0) {
            payload.put(VERSION, version);
        }
        return payload;
    }

    /** Refuses a negative version: records call it from their canonical constructor. */
    static long checkVersion(long version) {
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative: " + version);
        }
        return version;
    }
}
