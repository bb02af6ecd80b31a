package io.github.frappemessenger.frappe.setup;

import static io.github.frappemessenger.frappe.setup.SiteSetupTest.check;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.frappe.site.FrappeStandIn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A site that already has a Messenger Message DocType (an older app version, say) lacking some fields. */
class PartlySetUpSiteTest {
    private final FrappeStandIn frappe = new FrappeStandIn();
    private Map<String, Object> existing;

    @BeforeEach
    void seed() {
        frappe.site().strictDocTypes();
        List<Map<String, Object>> fields = new ArrayList<>();
        for (String[] f : new String[][] {{"message_direction", "Select"}, {"sender_id", "Data"},
                {"timestamp", "Datetime"}, {"message_id", "Text"}, {"conversation", "Link"}, {"message", "Text"},
                {"content_type", "Select"}, {"sender_user", "Link"}}) {
            fields.add(new LinkedHashMap<>(Map.of("fieldname", f[0], "fieldtype", f[1])));
        }
        existing = new LinkedHashMap<>(Map.of("name", "Messenger Message", "module", "Frappe Messenger",
                "issingle", 0, "fields", fields, "permissions",
                List.of(Map.of("role", "System Manager", "read", 1, "write", 1, "create", 1, "permlevel", 0))));
        frappe.seed("DocType", existing);
        // A field added in the desk lives in Custom Field, and counts as present.
        frappe.seed("Custom Field", Map.of("name", "Messenger Message-status", "dt", "Messenger Message",
                "fieldname", "status", "fieldtype", "Data"));
    }

    @AfterEach
    void close() {
        frappe.close();
    }

    @Test
    void eachMissingFieldIsNamedAndTheDocTypeIsLeftAsItIs() {
        SiteReport report = SiteSetup.builder(frappe.client()).bridgeUrl("http://bridge:8787")
                .webhookSecret("s").build().run();

        Check message = check(report, "doctype Messenger Message");
        assertThat(message.status()).as(message.line()).isEqualTo(Check.Status.NOT_READY);
        assertThat(message.detail()).contains("is_read (Check)");
        assertThat(message.detail()).contains("attach (Attach)");
        assertThat(message.detail()).contains("optional, absent: is_auto_generated_outgoing_message (Check),"
                + " platform (Link Messenger Platform)");
        assertThat(message.detail()).as("status is a Custom Field: " + message.detail()).doesNotContain("status");
        assertThat(report.ready()).isFalse();
        assertThat(frappe.all("DocType").stream()
                .filter(d -> d.get("name").equals("Messenger Message")).findFirst().orElseThrow()).isEqualTo(existing);
        assertThat(frappe.requests()).noneMatch(r -> r.startsWith("DELETE ")
                || r.matches("PUT /api/resource/(DocType|Custom Field|Messenger Message)/.*")
                || r.equals("POST /api/resource/Custom Field"));
        // The rest of the site was still made ready.
        assertThat(check(report, "doctype Messenger Conversation").status()).isEqualTo(Check.Status.CREATED);
        assertThat(check(report, "webhook Messenger Message after_insert").status()).isEqualTo(Check.Status.CREATED);
    }

    @Test
    void aSettingsDocTypeThatIsNotSingleIsReported() {
        frappe.seed("DocType", Map.of("name", "Messenger Settings", "issingle", 0,
                "fields", List.of(Map.of("fieldname", "enabled", "fieldtype", "Check"))));

        SiteReport report = SiteSetup.builder(frappe.client()).bridgeUrl("http://bridge:8787").build().check();

        Check settings = check(report, "doctype Messenger Settings");
        assertThat(settings.status()).isEqualTo(Check.Status.NOT_READY);
        assertThat(settings.detail()).contains("is not a Single DocType");
    }
}
