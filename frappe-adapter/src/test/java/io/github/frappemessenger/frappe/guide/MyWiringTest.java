package io.github.frappemessenger.frappe.guide;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.site.FrappeSite;
import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.testing.FrappeStandIn;
import io.github.frappemessenger.testing.MessengerDocs;
import io.github.frappemessenger.testing.RecordingPublisher;
import java.util.Map;
import org.junit.jupiter.api.Test;

// docs/testing.md shows this file; DocsTestingGuideTest keeps the two equal.
class MyWiringTest {
    @Test
    void anIncomingMessageGetsAConversationAndItsUnreadCountIsAnnounced() {
        try (FrappeStandIn frappe = new FrappeStandIn().start()) {
            frappe.requireToken("key", "secret");
            FrappeClient client = FrappeClient.builder().baseUrl(frappe.url().toString())
                    .apiKey("key").apiSecret("secret").build();
            RecordingPublisher published = new RecordingPublisher();
            MessengerLifecycle messenger = FrappeSite.builder(client, "crm.example.com").build()
                    .lifecycle(published);

            // The CRM saves an incoming message; the app runs Messenger's validate and on_update for it.
            Map<String, Object> saved = frappe.insert(FrappeStandIn.MESSAGE,
                    MessengerDocs.message("MSG-1").from("PSID-7").text("Still available?").build());
            MessengerMessage linked = messenger.validate(MessengerMessage.fromDoc(saved));
            messenger.onUpdate(linked);

            assertThat(frappe.docs(FrappeStandIn.CONVERSATION)).singleElement()
                    .satisfies(c -> assertThat(c).containsEntry("sender_id", "PSID-7")
                            .containsEntry("name", linked.conversation()));
            assertThat(published.names()).contains("messenger:unread_update");
        }
    }
}
