package io.github.frappemessenger.frappe.setup;

import static io.github.frappemessenger.frappe.setup.SiteSetupTest.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.frappemessenger.frappe.site.FrappeStandIn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API user's rights, read from its User doc and the DocTypes' permission rows, each missing one named. */
class ApiUserRightsTest {
    private final FrappeStandIn frappe = new FrappeStandIn();

    @BeforeEach
    void setUpAsAdministrator() {
        frappe.site().strictDocTypes();
        SiteReport ready = SiteSetup.builder(frappe.client()).bridgeUrl("http://bridge:8787").webhookSecret("s")
                .build().run();
        assertTrue(ready.ready(), ready.text());
    }

    @AfterEach
    void close() {
        frappe.close();
    }

    private SiteReport checkSite() {
        return SiteSetup.builder(frappe.client()).bridgeUrl("http://bridge:8787").build().check();
    }

    @Test
    void anAgentTokenLacksTheErrorLogRightAndItsOtherRightsCannotBeReadWithoutSystemManager() {
        frappe.site().apiUser("agent@example.com", "Messenger Agent");

        SiteReport report = checkSite();

        assertEquals("agent@example.com with roles Messenger Agent", check(report, "api user").detail());
        Check errorLog = check(report, "right create Error Log");
        assertEquals(Check.Status.NOT_READY, errorLog.status());
        assertEquals("agent@example.com lacks it: only System Manager may create Error Log (the bridge records a"
                + " Messenger Update Error)", errorLog.detail());
        assertEquals(Check.Status.NOT_READY, check(report, "right read User").status());
        Check conversation = check(report, "right create Messenger Conversation");
        assertEquals(Check.Status.NOT_READY, conversation.status(), conversation.line());
        assertTrue(conversation.detail().startsWith("cannot be checked"), conversation.detail());
    }

    @Test
    void aMissingRightIsNamedWithTheUserAndWhatTheBridgeNeedsItFor() {
        frappe.site().apiUser("bridge@example.com", "System Manager");
        frappe.seed("Custom DocPerm", Map.of("name", "p1", "parent", "Messenger Message",
                "role", "System Manager", "permlevel", 0, "read", 1, "write", 0));

        SiteReport report = checkSite();

        Check write = check(report, "right write Messenger Message");
        assertEquals(Check.Status.NOT_READY, write.status());
        assertEquals("bridge@example.com lacks it (the bridge links a message to its conversation): give the user a"
                + " role with write on Messenger Message, e.g. System Manager", write.detail());
        assertEquals(List.of(write), report.problems());
    }

    @Test
    void aSystemManagerTokenHasEveryRight() {
        frappe.site().apiUser("bridge@example.com", "System Manager");

        SiteReport report = checkSite();

        assertTrue(report.ready(), report.text());
        assertEquals("by role System Manager (the bridge records a Messenger Update Error)",
                check(report, "right create Error Log").detail());
    }

    @Test
    void customDocPermsReplaceTheDocTypesOwnRows() {
        frappe.site().apiUser("bridge@example.com", "System Manager");
        frappe.seed("Custom DocPerm", Map.of("name", "p1", "parent", "Messenger Conversation",
                "role", "System Manager", "permlevel", 0, "read", 1, "write", 1, "create", 1, "delete", 0));

        SiteReport report = checkSite();

        Check delete = check(report, "right delete Messenger Conversation");
        assertEquals(Check.Status.NOT_READY, delete.status(), delete.line());
        assertEquals(1, report.problems().size(), report.text());
    }

    @Test
    void aTokenWithoutSystemManagerCannotSetUpAFreshSiteAndIsToldWhy() {
        try (FrappeStandIn fresh = new FrappeStandIn()) {
            fresh.site().strictDocTypes();
            fresh.site().apiUser("agent@example.com", "Messenger Agent");

            SiteReport report = SiteSetup.builder(fresh.client()).bridgeUrl("http://bridge:8787")
                    .webhookSecret("s").build().run();

            Check doctype = check(report, "doctype Messenger Message");
            assertEquals(Check.Status.FAILED, doctype.status());
            assertTrue(doctype.detail().contains("403 PermissionError"), doctype.detail());
            assertTrue(doctype.detail().contains("System Manager"), doctype.detail());
            assertTrue(fresh.all("DocType").isEmpty());
        }
    }
}
