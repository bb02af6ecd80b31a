package io.github.frappemessenger.frappe.realtime;

import java.util.Map;

/**
 * Receives one realtime event as it arrived on the socket: the wire event name (e.g.
 * {@code messenger:unread_update}) and its payload, the JSON object as a map of plain Java values (Jackson's
 * mapping: objects as maps, arrays as lists, numbers as Integer, Long or Double). Called on the Socket.IO client's
 * event thread, one event at a time, in arrival order: do not block in it.
 */
@FunctionalInterface
public interface RealtimeListener {

    void onEvent(String eventName, Map<String, Object> payload);
}
