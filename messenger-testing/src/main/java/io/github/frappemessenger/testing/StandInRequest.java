package io.github.frappemessenger.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request to the stand-in, read as Frappe reads it: the path's segments decoded one by one (so a doc name holding
 * {@code /} arrives whole when sent as {@code %2F}), the query string, and a JSON or form body laid over it.
 * Immutable.
 */
record StandInRequest(String method, String encodedPath, List<String> path, Map<String, Object> query, String body,
                      String authorization) {

    static StandInRequest of(String method, String encodedPath, String rawQuery, String body, String authorization) {
        List<String> segments = new ArrayList<>();
        String trimmed = encodedPath.startsWith("/") ? encodedPath.substring(1) : encodedPath;
        for (String s : trimmed.split("/", -1)) {
            segments.add(decode(s, false));
        }
        return new StandInRequest(method, encodedPath, List.copyOf(segments), form(rawQuery), body == null ? "" : body,
                authorization);
    }

    /** The arguments of an {@code /api/method} call: the query string, the body's fields over it. */
    Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>(query);
        if (!body.isBlank()) {
            p.putAll(body.strip().startsWith("{") ? FrappeJson.readObject(body) : form(body));
        }
        return p;
    }

    /** The doc of an insert or a save; Frappe also accepts {@code {"data": "<json>"}}. */
    Map<String, Object> doc() {
        Map<String, Object> parsed = body.isBlank() ? new LinkedHashMap<>() : FrappeJson.readObject(body);
        return parsed.get("data") instanceof String s ? FrappeJson.readObject(s) : parsed;
    }

    /** A parameter sent as JSON text (a query string, a form) or already parsed (a JSON body). */
    static Object json(Object value) {
        return value instanceof String s && !s.isBlank() ? FrappeJson.read(s) : value;
    }

    static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static Map<String, Object> form(String text) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return fields;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            fields.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1), true));
        }
        return fields;
    }

    /** Percent-decoding; {@code +} is a space in a form or query, itself in a path. */
    private static String decode(String s, boolean plusIsSpace) {
        return URLDecoder.decode(plusIsSpace ? s : s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
