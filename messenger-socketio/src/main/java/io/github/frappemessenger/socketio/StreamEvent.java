package io.github.frappemessenger.socketio;

import java.util.Objects;

/**
 * One event of a site's stream: its position ({@code epoch} and {@code offset}, counted from 1 within the epoch), the Socket.IO event
 * name, the room it went to, the payload as JSON text, and when it was appended (epoch milliseconds).
 */
public record StreamEvent(String epoch, long offset, String event, String room, String payloadJson, long appendedAtMillis) {
    public StreamEvent {
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(payloadJson, "payloadJson");
    }
}
