package io.github.frappemessenger.socketio;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain HTTP request that reached the server's port outside the Socket.IO path: method, path (decoded), query
 * parameters, headers (names in lower case), body, and the caller's address.
 */
public record HttpCall(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                       byte[] body, String remoteAddress) {

    public HttpCall {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** A header's value, any case of its name; null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The first value of a query parameter, or null. */
    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
