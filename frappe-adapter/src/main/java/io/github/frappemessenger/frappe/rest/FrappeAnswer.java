package io.github.frappemessenger.frappe.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A successful answer's JSON, unpacked the way Frappe shapes it: {@code {"data": ...}} from {@code /api/resource},
 * {@code {"message": ...}} from {@code /api/method}. An answer of another shape throws a {@link FrappeException} of
 * kind {@link FrappeException.Kind#OTHER}. Immutable.
 */
record FrappeAnswer(int status, String request, JsonNode root, ObjectMapper mapper) {

    private static final TypeReference<LinkedHashMap<String, Object>> DOC = new TypeReference<>() { };
    private static final TypeReference<List<Map<String, Object>>> ROWS = new TypeReference<>() { };

    /** {@code data} as a document; the map is the caller's to change. */
    Map<String, Object> document() {
        JsonNode data = root.path("data");
        if (!data.isObject()) {
            throw unexpected("a document under \"data\"");
        }
        return mapper.convertValue(data, DOC);
    }

    /** The rows under {@code key} ({@code data} or {@code message}). */
    List<Map<String, Object>> rows(String key) {
        JsonNode rows = root.path(key);
        if (!rows.isArray()) {
            throw unexpected("a list under \"" + key + "\"");
        }
        return mapper.convertValue(rows, ROWS);
    }

    /** {@code message} as plain Java values (map, list, string, number, boolean), or null if absent. */
    Object message() {
        JsonNode message = root.path("message");
        return message.isMissingNode() ? null : mapper.convertValue(message, Object.class);
    }

    /** {@code message} as a whole number, as {@code frappe.client.get_count} answers. */
    long count() {
        JsonNode message = root.path("message");
        if (!message.isIntegralNumber() || !message.canConvertToLong()) {
            throw unexpected("a count under \"message\"");
        }
        return message.asLong();
    }

    private FrappeException unexpected(String expected) {
        return new FrappeException("Frappe answered " + status + " without " + expected + " [" + request + "]", null,
                status, FrappeException.Kind.OTHER, null, null, List.of(), request, 1);
    }
}
