package io.github.frappemessenger.frappe.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.site.FrappeStandIn;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** setup against the Frappe stand-in over real HTTP, on a site that has none of the messenger's DocTypes. */
class SiteSetupTest {
    static final String BRIDGE = "http://10.1.2.3:8787";
    static final String SECRET = "hook-secret-5b1e";

    private final FrappeStandIn frappe = new FrappeStandIn();
    private final FrappeClient client = frappe.client();

    @AfterEach
    void close() {
        frappe.close();
    }

    private SiteSetup setup() {
        return SiteSetup.builder(client).bridgeUrl(BRIDGE + "/").webhookSecret(SECRET).build();
    }

    static Check check(SiteReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check '" + name + "' in\n" + report.text()));
    }

    @Test
    void aFreshSiteGetsTheDocTypesRecordsRoleAndSignedWebhooks() {
        frappe.site().strictDocTypes();

        SiteReport report = setup().run();

        assertTrue(report.ready(), report.text());
        assertEquals(Check.Status.CREATED, check(report, "doctype Messenger Message").status());
        Map<String, Object> message = frappe.all("DocType").stream()
                .filter(d -> d.get("name").equals("Messenger Message")).findFirst().orElseThrow();
        assertEquals(1, message.get("custom"));
        assertEquals("Custom", message.get("module"));
        assertEquals(List.of("message_direction", "sender_id", "timestamp", "message_id", "conversation", "message",
                "is_read", "content_type", "attach", "status", "is_auto_generated_outgoing_message", "platform"),
                fieldnames(message));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> rows = ((List<Map<String, Object>>) message.get("permissions")).stream()
                .collect(Collectors.toMap(r -> (String) r.get("role"), r -> r));
        assertEquals(java.util.Set.of("System Manager", "Messenger Agent"), rows.keySet());
        assertEquals(1, rows.get("System Manager").get("delete"));
        assertEquals(List.of(1, 1, 1), List.of(rows.get("Messenger Agent").get("read"),
                rows.get("Messenger Agent").get("write"), rows.get("Messenger Agent").get("create")));
        assertFalse(rows.get("Messenger Agent").containsKey("delete"), "agents do not delete messages");
        Map<String, Object> settings = frappe.all("DocType").stream()
                .filter(d -> d.get("name").equals("Messenger Settings")).findFirst().orElseThrow();
        assertEquals(1, settings.get("issingle"));
        assertEquals(1, client.getDoc("Messenger Settings", "Messenger Settings").orElseThrow().get("enabled"));
        assertTrue(client.getDoc("Role", "Messenger Agent").isPresent());

        List<Map<String, Object>> hooks = frappe.all("Webhook");
        assertEquals(List.of("Messenger Message after_insert " + BRIDGE + "/webhooks/frappe/after_insert",
                "Messenger Message on_update " + BRIDGE + "/webhooks/frappe/on_update",
                "Messenger Conversation on_update " + BRIDGE + "/webhooks/frappe/on_update"),
                hooks.stream().map(h -> h.get("webhook_doctype") + " " + h.get("webhook_docevent") + " "
                        + h.get("request_url")).toList());
        for (Map<String, Object> hook : hooks) {
            assertEquals(1, hook.get("enabled"));
            assertEquals(1, hook.get("enable_security"));
            assertEquals("JSON", hook.get("request_structure"));
            assertEquals("{{ doc | json }}", hook.get("webhook_json"));
            assertEquals("*".repeat(SECRET.length()), hook.get("webhook_secret"), "Frappe keeps only asterisks");
        }
        // What the bridge writes now passes Frappe's own checks: the platform and the status "Open" exist.
        Map<String, Object> conversation = client.insert("Messenger Conversation",
                new java.util.HashMap<>(Map.of("sender_id", "42", "platform", "Messenger")));
        assertEquals("Open", conversation.get("status"));
        assertFalse(report.text().contains(SECRET));
    }

    @Test
    void aSecondRunCreatesNothing() {
        frappe.site().strictDocTypes();
        setup().run();
        int before = frappe.requestCount();

        SiteReport again = setup().run();

        assertTrue(again.ready(), again.text());
        assertEquals(0, again.count(Check.Status.CREATED), again.text());
        List<String> writes = frappe.requests().subList(before, frappe.requestCount()).stream()
                .filter(r -> !r.startsWith("GET ")).toList();
        assertEquals(List.of(), writes);
        assertEquals(3, frappe.all("Webhook").size());
    }

    @Test
    void checkChangesNothingAndSaysWhatIsMissingThenReadyAfterSetup() {
        frappe.site().strictDocTypes();

        SiteReport before = SiteSetup.builder(client).bridgeUrl(BRIDGE).build().check();

        assertFalse(before.ready());
        assertEquals(Check.Status.NOT_READY, check(before, "doctype Messenger Conversation").status());
        assertEquals(Check.Status.NOT_READY, check(before, "webhook Messenger Message after_insert").status());
        assertTrue(frappe.requests().stream().allMatch(r -> r.startsWith("GET ")), frappe.requests().toString());
        assertTrue(frappe.all("DocType").isEmpty());

        setup().run();
        SiteReport after = SiteSetup.builder(client).bridgeUrl(BRIDGE).build().check();
        assertTrue(after.ready(), after.text());
        assertTrue(after.checks().stream().allMatch(c -> c.status() == Check.Status.READY), after.text());
    }

    @Test
    void aDisabledWebhookIsReportedAndLeftAloneAndAnotherAddressIsAWarning() {
        frappe.site().strictDocTypes();
        setup().run();
        Map<String, Object> ours = frappe.all("Webhook").get(0);
        client.update("Webhook", (String) ours.get("name"), Map.of("enabled", 0));
        client.insert("Webhook", new java.util.HashMap<>(Map.of("webhook_doctype", "Messenger Message",
                "webhook_docevent", "on_update", "enabled", 1, "request_url", "http://old-bridge:8787/webhooks/frappe/on_update",
                "enable_security", 1, "webhook_secret", "x", "request_structure", "JSON",
                "webhook_json", "{{ doc | json }}")));

        SiteReport report = setup().run();

        Check disabled = check(report, "webhook Messenger Message after_insert");
        assertEquals(Check.Status.NOT_READY, disabled.status());
        assertTrue(disabled.detail().contains("disabled"), disabled.detail());
        assertEquals(0, frappe.all("Webhook").get(0).get("enabled"), "left as it is");
        Check other = check(report, "webhook Messenger Message on_update");
        assertEquals(Check.Status.WARNING, other.status());
        assertTrue(other.detail().contains("http://old-bridge:8787"), other.detail());
        assertEquals(4, frappe.all("Webhook").size());
    }

    static List<String> fieldnames(Map<String, Object> doctype) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> fields = (List<Map<String, Object>>) doctype.get("fields");
        return fields.stream().map(f -> (String) f.get("fieldname")).collect(Collectors.toList());
    }
}
