package io.github.frappemessenger.frappe.webhook;

import java.util.Map;
import java.util.Objects;

/**
 * The answer to a {@link WebhookRequest}: an HTTP status, a JSON body text, and any headers beyond
 * {@code Content-Type: application/json} (e.g. {@code Allow} on a 405). Immutable and thread-safe.
 */
public record WebhookResponse(int status, String body, Map<String, String> headers) {

    /** The content type of every body. */
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";

    public WebhookResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        Objects.requireNonNull(body, "body");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public WebhookResponse(int status, String body) {
        this(status, body, Map.of());
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
