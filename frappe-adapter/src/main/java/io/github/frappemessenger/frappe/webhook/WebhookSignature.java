package io.github.frappemessenger.frappe.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a Frappe site puts on a webhook when the Webhook's "enable security" is on: header
 * {@value #HEADER} = base64 (standard alphabet, padded) of HMAC-SHA256 over the raw body bytes, keyed with the
 * UTF-8 bytes of the webhook secret (frappe/integrations/doctype/webhook/webhook.py). Verify it over the bytes as
 * received, never over a re-serialisation of the JSON.
 *
 * <p>Immutable and thread-safe (a fresh {@link Mac} per call). {@link #toString()} never shows the secret.
 */
public final class WebhookSignature {
    /** The header Frappe sends the signature in. */
    public static final String HEADER = "X-Frappe-Webhook-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private final String secret;
    private final SecretKeySpec key;

    private WebhookSignature(String secret) {
        this.secret = secret;
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /**
     * @param secret the Webhook doc's {@code webhook_secret}
     * @throws IllegalArgumentException when the secret is blank
     */
    public static WebhookSignature withSecret(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isBlank()) {
            throw new IllegalArgumentException("the webhook secret is blank");
        }
        return new WebhookSignature(secret);
    }

    /** The header value Frappe would send for this body. */
    public String sign(byte[] body) {
        return Base64.getEncoder().encodeToString(mac(body));
    }

    /**
     * Whether {@code headerValue} is the signature of {@code body}. A missing, empty or malformed (not base64) value
     * is simply invalid. The comparison takes the same time wherever the bytes differ.
     */
    public boolean verify(byte[] body, String headerValue) {
        Objects.requireNonNull(body, "body");
        if (headerValue == null || headerValue.isBlank()) {
            return false;
        }
        byte[] received;
        try {
            received = Base64.getDecoder().decode(headerValue.strip());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return MessageDigest.isEqual(mac(body), received);
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every Java platform must provide HmacSHA256, and any non-empty key suits it.
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** {@code text} with every occurrence of the secret masked: for texts that leave the bridge. */
    String redact(String text) {
        return text == null ? null : text.replace(secret, "[secret]");
    }

    @Override
    public String toString() {
        return "WebhookSignature[HmacSHA256, secret hidden]";
    }
}
