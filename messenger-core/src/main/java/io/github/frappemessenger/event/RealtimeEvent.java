package io.github.frappemessenger.event;

import java.util.Objects;

/** An event and the room it goes to, as {@code frappe.publish_realtime(event, message, room=...)} takes them. */
public record RealtimeEvent(MessengerEvent event, Room room) {
    public RealtimeEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(room, "room");
    }

    /** To room {@code all}, where Frappe CRM sends every messenger event. */
    public static RealtimeEvent toAll(MessengerEvent event) {
        return new RealtimeEvent(event, Room.all());
    }
}
