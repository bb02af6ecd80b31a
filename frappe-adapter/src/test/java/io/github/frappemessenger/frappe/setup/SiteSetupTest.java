package io.github.frappemessenger.frappe.setup;

import static org.assertj.core.api.Assertions.assertThat;

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

        assertThat(report.ready()).as(report.text()).isTrue();
        assertThat(check(report, "doctype Messenger Message").status()).isEqualTo(Check.Status.CREATED);
        Map<String, Object> message = frappe.all("DocType").stream()
                .filter(d -> d.get("name").equals("Messenger Message")).findFirst().orElseThrow();
        assertThat(message.get("custom")).isEqualTo(1);
        assertThat(message.get("module")).isEqualTo("Custom");
        assertThat(fieldnames(message)).isEqualTo(List.of("message_direction", "sender_id", "timestamp", "message_id",
                "conversation", "message", "is_read", "content_type", "attach", "status",
                "is_auto_generated_outgoing_message", "platform"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> rows = ((List<Map<String, Object>>) message.get("permissions")).stream()
                .collect(Collectors.toMap(r -> (String) r.get("role"), r -> r));
        assertThat(rows.keySet()).isEqualTo(java.util.Set.of("System Manager", "Messenger Agent"));
        assertThat(rows.get("System Manager").get("delete")).isEqualTo(1);
        assertThat(List.of(rows.get("Messenger Agent").get("read"), rows.get("Messenger Agent").get("write"),
                rows.get("Messenger Agent").get("create"))).isEqualTo(List.of(1, 1, 1));
        assertThat(rows.get("Messenger Agent")).as("agents do not delete messages").doesNotContainKey("delete");
        Map<String, Object> settings = frappe.all("DocType").stream()
                .filter(d -> d.get("name").equals("Messenger Settings")).findFirst().orElseThrow();
        assertThat(settings.get("issingle")).isEqualTo(1);
        assertThat(client.getDoc("Messenger Settings", "Messenger Settings").orElseThrow().get("enabled")).isEqualTo(1);
        assertThat(client.getDoc("Role", "Messenger Agent")).isPresent();

        List<Map<String, Object>> hooks = frappe.all("Webhook");
        assertThat(hooks.stream().map(h -> h.get("webhook_doctype") + " " + h.get("webhook_docevent") + " "
                + h.get("request_url")).toList()).isEqualTo(List.of(
                "Messenger Message after_insert " + BRIDGE + "/webhooks/frappe/after_insert",
                "Messenger Message on_update " + BRIDGE + "/webhooks/frappe/on_update",
                "Messenger Conversation on_update " + BRIDGE + "/webhooks/frappe/on_update"));
        for (Map<String, Object> hook : hooks) {
            assertThat(hook.get("enabled")).isEqualTo(1);
            assertThat(hook.get("enable_security")).isEqualTo(1);
            assertThat(hook.get("request_structure")).isEqualTo("JSON");
            assertThat(hook.get("webhook_json")).isEqualTo("{{ doc | json }}");
            assertThat(hook.get("webhook_secret"))
                    .as("Frappe keeps only asterisks").isEqualTo("*".repeat(SECRET.length()));
        }
        // What the bridge writes now passes Frappe's own checks: the platform and the status "Open" exist.
        Map<String, Object> conversation = client.insert("Messenger Conversation",
                new java.util.HashMap<>(Map.of("sender_id", "42", "platform", "Messenger")));
        assertThat(conversation.get("status")).isEqualTo("Open");
        assertThat(report.text()).doesNotContain(SECRET);
    }

    @Test
    void aSecondRunCreatesNothing() {
        frappe.site().strictDocTypes();
        setup().run();
        int before = frappe.requestCount();

        SiteReport again = setup().run();

        assertThat(again.ready()).as(again.text()).isTrue();
        assertThat(again.count(Check.Status.CREATED)).as(again.text()).isEqualTo(0);
        List<String> writes = frappe.requests().subList(before, frappe.requestCount()).stream()
                .filter(r -> !r.startsWith("GET ")).toList();
        assertThat(writes).isEmpty();
        assertThat(frappe.all("Webhook")).hasSize(3);
    }

    @Test
    void checkChangesNothingAndSaysWhatIsMissingThenReadyAfterSetup() {
        frappe.site().strictDocTypes();

        SiteReport before = SiteSetup.builder(client).bridgeUrl(BRIDGE).build().check();

        assertThat(before.ready()).isFalse();
        assertThat(check(before, "doctype Messenger Conversation").status()).isEqualTo(Check.Status.NOT_READY);
        assertThat(check(before, "webhook Messenger Message after_insert").status()).isEqualTo(Check.Status.NOT_READY);
        assertThat(frappe.requests()).allMatch(r -> r.startsWith("GET "));
        assertThat(frappe.all("DocType")).isEmpty();

        setup().run();
        SiteReport after = SiteSetup.builder(client).bridgeUrl(BRIDGE).build().check();
        assertThat(after.ready()).as(after.text()).isTrue();
        assertThat(after.checks()).as(after.text()).allMatch(c -> c.status() == Check.Status.READY);
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
        assertThat(disabled.status()).isEqualTo(Check.Status.NOT_READY);
        assertThat(disabled.detail()).contains("disabled");
        assertThat(frappe.all("Webhook").get(0).get("enabled")).as("left as it is").isEqualTo(0);
        Check other = check(report, "webhook Messenger Message on_update");
        assertThat(other.status()).isEqualTo(Check.Status.WARNING);
        assertThat(other.detail()).contains("http://old-bridge:8787");
        assertThat(frappe.all("Webhook")).hasSize(4);
    }

    static List<String> fieldnames(Map<String, Object> doctype) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> fields = (List<Map<String, Object>>) doctype.get("fields");
        return fields.stream().map(f -> (String) f.get("fieldname")).collect(Collectors.toList());
    }
}
