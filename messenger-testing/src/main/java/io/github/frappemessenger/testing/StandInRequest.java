package io.github.frappemessenger.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request the stand-in received, read as Frappe reads it: the path's segments decoded one by one (so a doc name
 * holding {@code /} arrives whole when sent as {@code %2F}), the query string, and a JSON or form body laid over it.
 * Header names are lower case. Immutable.
 */
public record StandInRequest(String method, String encodedPath, List<String> path, Map<String, Object> query,
                             String body, Map<String, String> headers) {

    public StandInRequest {
        path = List.copyOf(path);
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    static StandInRequest of(String method, String encodedPath, String rawQuery, String body,
            Map<String, String> headers) {
        List<String> segments = new ArrayList<>();
        String trimmed = encodedPath.startsWith("/") ? encodedPath.substring(1) : encodedPath;
        for (String s : trimmed.split("/", -1)) {
            segments.add(decode(s, false));
        }
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        return new StandInRequest(method, encodedPath, segments, form(rawQuery), body == null ? "" : body, lower);
    }

    /** {@code "PUT /api/resource/Messenger Message/a/b"}: the method and the decoded path. */
    @Override
    public String toString() {
        return method + " /" + String.join("/", path);
    }

    /** A header's value, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The same request with another body (an interceptor that changes a doc before it is stored). */
    public StandInRequest withBody(String newBody) {
        return new StandInRequest(method, encodedPath, path, query, newBody, headers);
    }

    /** The arguments of an {@code /api/method} call or a list: the query string, the body's fields over it. */
    public Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>(query);
        if (!body.isBlank()) {
            p.putAll(body.strip().startsWith("{") ? FrappeJson.readObject(body) : form(body));
        }
        return p;
    }

    /** The doc of an insert or a save; Frappe also accepts {@code {"data": "<json>"}}. */
    public Map<String, Object> doc() {
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
