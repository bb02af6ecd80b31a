package io.github.frappemessenger.internal;

import java.util.Map;

/**
 * A received event's payload, read field by field; a missing or malformed field throws
 * {@link IllegalArgumentException} naming the event and the field. Immutable.
 */
public record EventPayload(String event, Map<String, ?> fields) {

    public Map<String, ?> object(String key) {
        Object v = fields.get(key);
        if (v instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, ?> typed = (Map<String, ?>) m;
            return typed;
        }
        throw new IllegalArgumentException(event + ": '" + key + "' must be an object, got " + v);
    }

    public String text(String key) {
        Object v = fields.get(key);
        if (v == null || v.toString().isBlank()) {
            throw new IllegalArgumentException(event + ": '" + key + "' is missing");
        }
        return v.toString();
    }

    public String optionalText(String key) {
        Object v = fields.get(key);
        return v == null ? null : v.toString();
    }

    public long number(String key) {
        Object v = fields.get(key);
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(event + ": '" + key + "' must be a number, got " + v, e);
        }
    }

    /** A nested object's fields, read the same way. */
    public EventPayload nested(String key) {
        return new EventPayload(event, object(key));
    }
}
