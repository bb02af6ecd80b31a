package io.github.frappemessenger.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.event.RealtimeEvent;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON texts of a realtime event. {@link #toRedisJson} is exactly what {@code frappe.publish_realtime} PUBLISHes
 * on the Redis channel {@code events}; {@link #toWireJson} is the same without the namespace. Thread-safe.
 */
public final class EventJson {
    private final ObjectMapper mapper;

    public EventJson() {
        this(new ObjectMapper());
    }

    public EventJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** {@code {"event": ..., "room": ..., "message": {...}}}. */
    public String toWireJson(RealtimeEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", e.event().eventName());
        m.put("room", e.room().name());
        m.put("message", e.event().payload());
        return write(m);
    }

    /** {@code {"event": ..., "message": {...}, "room": ..., "namespace": <site>}}, Frappe's Redis message. */
    public String toRedisJson(RealtimeEvent e, String namespace) {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("namespace (the site name) is blank");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", e.event().eventName());
        m.put("message", e.event().payload());
        m.put("room", e.room().name());
        m.put("namespace", namespace);
        return write(m);
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException("cannot write event JSON", ex);
        }
    }
}
