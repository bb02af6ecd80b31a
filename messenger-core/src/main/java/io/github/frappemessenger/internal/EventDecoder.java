package io.github.frappemessenger.internal;

import io.github.frappemessenger.event.MessengerEvent;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a received event (name and payload, as a Socket.IO client hands them over) back into a typed
 * {@link MessengerEvent}, with the readers of {@link EventCatalogue}. Unknown event names give empty; a known name
 * with a malformed payload throws {@link IllegalArgumentException} naming what is wrong.
 */
public final class EventDecoder {

    public Optional<MessengerEvent> decode(String eventName, Map<String, ?> payload) {
        if (payload == null) {
            throw new IllegalArgumentException(eventName + ": payload is missing");
        }
        EventPayload p = new EventPayload(eventName, payload);
        long v = version(p);
        return EventCatalogue.byName(eventName).map(kind -> kind.reader().read(p, v));
    }

    /** The payload's {@code version}; 0 when absent (an unversioned sender). */
    private static long version(EventPayload p) {
        if (p.fields().get(MessengerEvent.VERSION) == null) {
            return 0;
        }
        long v = p.number(MessengerEvent.VERSION);
        if (v < 0) {
            throw new IllegalArgumentException(p.event() + ": 'version' must not be negative, got " + v);
        }
        return v;
    }
}
