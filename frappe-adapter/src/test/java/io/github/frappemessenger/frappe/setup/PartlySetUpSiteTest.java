package io.github.frappemessenger.frappe.setup;

import static io.github.frappemessenger.frappe.setup.SiteSetupTest.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(Check.Status.NOT_READY, message.status(), message.line());
        assertTrue(message.detail().contains("is_read (Check)"), message.detail());
        assertTrue(message.detail().contains("attach (Attach)"), message.detail());
        assertTrue(message.detail().contains("optional, absent: is_auto_generated_outgoing_message (Check),"
                + " platform (Link Messenger Platform)"), message.detail());
        assertFalse(message.detail().contains("status"), "status is a Custom Field: " + message.detail());
        assertFalse(report.ready());
        assertEquals(existing, frappe.all("DocType").stream()
                .filter(d -> d.get("name").equals("Messenger Message")).findFirst().orElseThrow());
        assertTrue(frappe.requests().stream().noneMatch(r -> r.startsWith("DELETE ")
                || r.matches("PUT /api/resource/(DocType|Custom Field|Messenger Message)/.*")
                || r.equals("POST /api/resource/Custom Field")), frappe.requests().toString());
        // The rest of the site was still made ready.
        assertEquals(Check.Status.CREATED, check(report, "doctype Messenger Conversation").status());
        assertEquals(Check.Status.CREATED, check(report, "webhook Messenger Message after_insert").status());
    }

    @Test
    void aSettingsDocTypeThatIsNotSingleIsReported() {
        frappe.seed("DocType", Map.of("name", "Messenger Settings", "issingle", 0,
                "fields", List.of(Map.of("fieldname", "enabled", "fieldtype", "Check"))));

        SiteReport report = SiteSetup.builder(frappe.client()).bridgeUrl("http://bridge:8787").build().check();

        Check settings = check(report, "doctype Messenger Settings");
        assertEquals(Check.Status.NOT_READY, settings.status());
        assertTrue(settings.detail().contains("is not a Single DocType"), settings.detail());
    }
}
