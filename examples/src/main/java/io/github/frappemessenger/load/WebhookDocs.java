package io.github.frappemessenger.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.frappe.webhook.WebhookSignature;
import io.github.frappemessenger.model.FrappeDates;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhook deliveries a Frappe site sends for new incoming Messenger Messages: the doc as {@code {{ doc | json }}}
 * renders it (as in the test fixture webhook-after_insert-messenger-message.body: no conversation yet, since the
 * webhook fires after the insert and before the bridge links it), signed with the webhook secret. Each message is
 * newer than the one before. Thread-safe.
 */
final class WebhookDocs {
    private static final LocalDateTime START = LocalDateTime.of(2026, 11, 20, 10, 0);

    /** One message's delivery: the same body goes to after_insert and then to on_update. */
    record Delivery(String name, Map<String, Object> doc, byte[] body, String signature) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final WebhookSignature signature;
    private final String runId;
    private final AtomicLong sequence = new AtomicLong();

    WebhookDocs(String secret, String runId) {
        this.signature = WebhookSignature.withSecret(secret);
        this.runId = runId;
    }

    /** A new incoming text message from {@code senderId} on Messenger. */
    Delivery incoming(String senderId) {
        long n = sequence.incrementAndGet();
        String stamp = FrappeDates.format(START.plusNanos(n * 1_000_000L));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "LOAD-" + runId + "-" + n);
        doc.put("owner", "Administrator");
        doc.put("creation", stamp);
        doc.put("modified", stamp);
        doc.put("modified_by", "Administrator");
        doc.put("docstatus", 0);
        doc.put("idx", 0);
        doc.put("message_id", "m_" + runId + "_" + n);
        doc.put("message", "Hello, is this still available? (" + n + ")");
        doc.put("sender_id", senderId);
        doc.put("sender_user", null);
        doc.put("timestamp", stamp);
        doc.put("message_direction", "Incoming");
        doc.put("conversation", null);
        doc.put("is_read", 0);
        doc.put("content_type", "text");
        doc.put("attach", null);
        doc.put("status", "received");
        doc.put("platform", "Messenger");
        doc.put("doctype", "Messenger Message");
        try {
            byte[] body = json.writeValueAsBytes(doc);
            return new Delivery((String) doc.get("name"), doc, body, signature.sign(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a webhook body", e);
        }
    }
}
