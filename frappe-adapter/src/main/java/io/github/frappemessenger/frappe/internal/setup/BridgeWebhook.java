package io.github.frappemessenger.frappe.internal.setup;

import io.github.frappemessenger.frappe.webhook.WebhookHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Webhook the site needs so that the bridge hears a doc event: Frappe's {@code webhook_doctype} and
 * {@code webhook_docevent}. The bridge's route for it is {@code /webhooks/frappe/<doc event>} (the doc in the body
 * names its DocType). Immutable.
 */
public record BridgeWebhook(String doctype, String event) {
    /** The Jinja body template: the whole doc as JSON (the bridge needs doctype, name and modified). */
    public static final String BODY_TEMPLATE = "{{ doc | json }}";
    /** The bridge's route prefix; see the webhook package's WebhookHandler. */
    public static final String ROUTE_PREFIX = WebhookHandler.WEBHOOK_PREFIX;

    public BridgeWebhook {
        Objects.requireNonNull(doctype, "doctype");
        Objects.requireNonNull(event, "event");
    }

    /** The request URL: the bridge's base URL (as the site reaches it) and this event's route. */
    public String requestUrl(String bridgeUrl) {
        return stripSlash(bridgeUrl) + ROUTE_PREFIX + event;
    }

    /** {@code "Messenger Message after_insert"}. */
    public String describe() {
        return doctype + " " + event;
    }

    /** The Webhook document to insert. */
    public Map<String, Object> toDoc(String bridgeUrl, String secret) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("webhook_doctype", doctype);
        doc.put("webhook_docevent", event);
        doc.put("enabled", 1);
        doc.put("request_url", requestUrl(bridgeUrl));
        doc.put("request_method", "POST");
        doc.put("request_structure", "JSON");
        doc.put("webhook_json", BODY_TEMPLATE);
        doc.put("enable_security", 1);
        doc.put("webhook_secret", secret);
        return doc;
    }

    public static String stripSlash(String url) {
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
