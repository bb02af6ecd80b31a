package io.github.frappemessenger.frappe.webhook;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as the {@link WebhookHandler} sees it, whatever server received it.
 *
 * <p>{@code path} is the decoded path without the query string. {@code headers} holds the first value of each header;
 * the copy kept here looks names up ignoring case, as HTTP does. {@code body} is copied in and out, so the record is
 * immutable and thread-safe. {@link #toString()} names the headers but never shows their values (a signature or an
 * Authorization header must not reach a log).
 */
public record WebhookRequest(String method, String path, Map<String, String> headers, byte[] body) {

    public WebhookRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Map<String, String> ignoringCase = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    ignoringCase.putIfAbsent(name, value);
                }
            });
        }
        headers = Collections.unmodifiableMap(ignoringCase);
        body = body == null ? new byte[0] : body.clone();
    }

    /** A request without headers. */
    public static WebhookRequest of(String method, String path, byte[] body) {
        return new WebhookRequest(method, path, Map.of(), body);
    }

    /** The value of header {@code name}, looked up ignoring case. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** A copy of the body bytes. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body length, without copying it. */
    public int bodyLength() {
        return body.length;
    }

    /** Package-private: the handler reads the body without a copy. */
    byte[] bodyBytes() {
        return body;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookRequest r && method.equals(r.method) && path.equals(r.path)
                && headers.equals(r.headers) && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, path, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "WebhookRequest[" + method + " " + path + ", headers=" + headers.keySet() + ", body=" + body.length
                + " bytes]";
    }
}
