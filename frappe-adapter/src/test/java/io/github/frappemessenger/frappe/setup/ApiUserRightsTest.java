package io.github.frappemessenger.frappe.setup;

import static io.github.frappemessenger.frappe.setup.SiteSetupTest.check;
import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(ready.ready()).as(ready.text()).isTrue();
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

        assertThat(check(report, "api user").detail()).isEqualTo("agent@example.com with roles Messenger Agent");
        Check errorLog = check(report, "right create Error Log");
        assertThat(errorLog.status()).isEqualTo(Check.Status.NOT_READY);
        assertThat(errorLog.detail())
                .isEqualTo("agent@example.com lacks it: only System Manager may create Error Log (the bridge records a"
                + " Messenger Update Error)");
        assertThat(check(report, "right read User").status()).isEqualTo(Check.Status.NOT_READY);
        Check conversation = check(report, "right create Messenger Conversation");
        assertThat(conversation.status()).as(conversation.line()).isEqualTo(Check.Status.NOT_READY);
        assertThat(conversation.detail()).startsWith("cannot be checked");
    }

    @Test
    void aMissingRightIsNamedWithTheUserAndWhatTheBridgeNeedsItFor() {
        frappe.site().apiUser("bridge@example.com", "System Manager");
        frappe.seed("Custom DocPerm", Map.of("name", "p1", "parent", "Messenger Message",
                "role", "System Manager", "permlevel", 0, "read", 1, "write", 0));

        SiteReport report = checkSite();

        Check write = check(report, "right write Messenger Message");
        assertThat(write.status()).isEqualTo(Check.Status.NOT_READY);
        assertThat(write.detail())
                .isEqualTo("bridge@example.com lacks it (the bridge links a message to its conversation): give the user"
                        + " a role with write on Messenger Message, e.g. System Manager");
        assertThat(report.problems()).isEqualTo(List.of(write));
    }

    @Test
    void aSystemManagerTokenHasEveryRight() {
        frappe.site().apiUser("bridge@example.com", "System Manager");

        SiteReport report = checkSite();

        assertThat(report.ready()).as(report.text()).isTrue();
        assertThat(check(report, "right create Error Log").detail())
                .isEqualTo("by role System Manager (the bridge records a Messenger Update Error)");
    }

    @Test
    void customDocPermsReplaceTheDocTypesOwnRows() {
        frappe.site().apiUser("bridge@example.com", "System Manager");
        frappe.seed("Custom DocPerm", Map.of("name", "p1", "parent", "Messenger Conversation",
                "role", "System Manager", "permlevel", 0, "read", 1, "write", 1, "create", 1, "delete", 0));

        SiteReport report = checkSite();

        Check delete = check(report, "right delete Messenger Conversation");
        assertThat(delete.status()).as(delete.line()).isEqualTo(Check.Status.NOT_READY);
        assertThat(report.problems()).as(report.text()).hasSize(1);
    }

    @Test
    void aTokenWithoutSystemManagerCannotSetUpAFreshSiteAndIsToldWhy() {
        try (FrappeStandIn fresh = new FrappeStandIn()) {
            fresh.site().strictDocTypes();
            fresh.site().apiUser("agent@example.com", "Messenger Agent");

            SiteReport report = SiteSetup.builder(fresh.client()).bridgeUrl("http://bridge:8787")
                    .webhookSecret("s").build().run();

            Check doctype = check(report, "doctype Messenger Message");
            assertThat(doctype.status()).isEqualTo(Check.Status.FAILED);
            assertThat(doctype.detail()).contains("403 PermissionError");
            assertThat(doctype.detail()).contains("System Manager");
            assertThat(fresh.all("DocType")).isEmpty();
        }
    }
}
