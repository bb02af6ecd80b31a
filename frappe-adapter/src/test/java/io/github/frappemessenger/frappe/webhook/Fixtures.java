package io.github.frappemessenger.frappe.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The fixtures copied byte for byte from the shared fixtures, and small helpers to build webhook requests. */
final class Fixtures {
    static final String SECRET = "test-webhook-secret";
    static final String BODY = "/fixtures/webhook-after_insert-messenger-message.body";
    static final String HEADERS = "/fixtures/webhook-after_insert-messenger-message.headers";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {
    }

    static byte[] bytes(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Frappe's body for after_insert of Messenger Message MSG-0001. */
    static byte[] fixtureBody() {
        return bytes(BODY);
    }

    /** The value of X-Frappe-Webhook-Signature in the headers fixture. */
    static String fixtureSignature() {
        String text = new String(bytes(HEADERS), StandardCharsets.US_ASCII).strip();
        String prefix = WebhookSignature.HEADER + ":";
        if (!text.startsWith(prefix)) {
            throw new IllegalStateException("unexpected headers fixture: " + text);
        }
        return text.substring(prefix.length()).strip();
    }

    static byte[] json(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    static WebhookRequest post(String event, byte[] body) {
        return WebhookRequest.of("POST", WebhookHandler.WEBHOOK_PREFIX + event, body);
    }

    static WebhookRequest signedPost(String event, byte[] body) {
        return new WebhookRequest("POST", WebhookHandler.WEBHOOK_PREFIX + event,
                Map.of(WebhookSignature.HEADER, WebhookSignature.withSecret(SECRET).sign(body)), body);
    }
}
