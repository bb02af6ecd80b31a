package io.github.frappemessenger.frappe.setup;

import io.github.frappemessenger.frappe.internal.setup.BridgeWebhook;
import io.github.frappemessenger.frappe.internal.setup.MessengerSchema;
import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.rest.FrappeException;
import io.github.frappemessenger.frappe.rest.ListQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks (and, unless only checking, creates) one enabled Webhook per {@link BridgeWebhook}. A Webhook matches when
 * its DocType, doc event and request URL are the bridge's; a matching one is never changed, only reported when it is
 * disabled, unsigned or sends something else than the whole doc. Frappe never returns a Webhook's secret (a Password
 * field reads as asterisks, or not at all), so at most its absence can be seen here; the doctor's probe proves it
 * matches the bridge's.
 * Not thread-safe.
 */
final class WebhookSetup {
    private static final List<String> FIELDS = List.of("name", "webhook_doctype", "webhook_docevent", "request_url",
            "enabled", "enable_security", "webhook_secret", "request_structure", "webhook_json");

    private final FrappeClient frappe;
    private final String bridgeUrl;
    private final String secret;
    private final boolean create;

    /** {@code secret} may be null when only checking. */
    WebhookSetup(FrappeClient frappe, String bridgeUrl, String secret, boolean create) {
        this.frappe = frappe;
        this.bridgeUrl = bridgeUrl;
        this.secret = secret;
        this.create = create;
    }

    List<Check> run() {
        List<Check> checks = new ArrayList<>();
        for (BridgeWebhook hook : MessengerSchema.WEBHOOKS) {
            checks.add(check(hook));
        }
        return checks;
    }

    private Check check(BridgeWebhook hook) {
        String name = "webhook " + hook.describe();
        String url = hook.requestUrl(bridgeUrl);
        try {
            List<Map<String, Object>> same = frappe.getList(ListQuery.builder("Webhook").fields(FIELDS)
                    .where("webhook_doctype", "=", hook.doctype()).where("webhook_docevent", "=", hook.event())
                    .limitPageLength(0).build());
            List<Map<String, Object>> ours = same.stream()
                    .filter(w -> BridgeWebhook.stripSlash(String.valueOf(w.get("request_url"))).equals(url)).toList();
            List<String> elsewhere = same.stream().filter(w -> !ours.contains(w))
                    .filter(w -> DocTypeSetup.truthy(w.get("enabled")))
                    .map(w -> w.get("name") + " -> " + w.get("request_url")).toList();
            String others = elsewhere.isEmpty() ? "" : "; also enabled for this event: " + String.join(", ", elsewhere)
                    + " (an old bridge address? each one is sent every event)";
            if (ours.isEmpty()) {
                if (!create) {
                    return Check.notReady(name, "no Webhook to " + url + "; setup creates it" + others);
                }
                Map<String, Object> made = frappe.insert("Webhook", hook.toDoc(bridgeUrl, secret));
                return Check.created(name, made.get("name") + " -> " + url + " (enabled, signed, whole doc as JSON)"
                        + others);
            }
            List<String> wrong = new ArrayList<>();
            Map<String, Object> webhook = ours.stream().filter(w -> DocTypeSetup.truthy(w.get("enabled"))).findFirst()
                    .orElse(ours.get(0));
            if (!DocTypeSetup.truthy(webhook.get("enabled"))) {
                wrong.add("it is disabled");
            }
            if (!DocTypeSetup.truthy(webhook.get("enable_security"))) {
                wrong.add("Enable Security is off (the bridge refuses unsigned requests)");
            } else if ("".equals(webhook.get("webhook_secret"))) {
                wrong.add("it has no Webhook Secret (the bridge refuses unsigned requests)");
            }
            if (!"JSON".equals(webhook.get("request_structure"))
                    || !String.valueOf(webhook.get("webhook_json")).replace(" ", "").contains("{{doc|json}}")) {
                wrong.add("its body is not the whole doc as JSON (Request Structure JSON, body "
                        + BridgeWebhook.BODY_TEMPLATE + ")");
            }
            if (!wrong.isEmpty()) {
                return Check.notReady(name, webhook.get("name") + " -> " + url + ": " + String.join("; ", wrong)
                        + " (left as it is: fix it in the desk)" + others);
            }
            String detail = webhook.get("name") + " -> " + url + " (enabled, signed)";
            return elsewhere.isEmpty() ? Check.ready(name, detail) : Check.warning(name, detail + others);
        } catch (FrappeException e) {
            return Check.failed(name, Failures.describe(e, create ? "read or create Webhooks" : "read Webhooks"));
        }
    }
}
