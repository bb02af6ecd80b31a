package io.github.frappemessenger.socketio;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The answer to an {@link HttpCall}: status, content type, body and extra headers. */
public record HttpReply(int status, String contentType, byte[] body, Map<String, String> headers) {

    public HttpReply {
        headers = Map.copyOf(headers);
    }

    public static HttpReply json(int status, String json) {
        return new HttpReply(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8),
                Map.of("Cache-Control", "no-store"));
    }

    public static HttpReply text(int status, String text) {
        return new HttpReply(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public HttpReply withHeader(String name, String value) {
        Map<String, String> h = new java.util.LinkedHashMap<>(headers);
        h.put(name, value);
        return new HttpReply(status, contentType, body, h);
    }
}
