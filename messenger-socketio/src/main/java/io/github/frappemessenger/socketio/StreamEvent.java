package io.github.frappemessenger.socketio;

import java.util.Objects;

/**
 * One event of a site's stream: its position ({@code offset}, counted from 1 within an epoch), the Socket.IO event
 * name, the room it went to, the payload as JSON text, and when it was appended (epoch milliseconds).
 */
public record StreamEvent(long offset, String event, String room, String payloadJson, long appendedAtMillis) {
    public StreamEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(payloadJson, "payloadJson");
    }
}
