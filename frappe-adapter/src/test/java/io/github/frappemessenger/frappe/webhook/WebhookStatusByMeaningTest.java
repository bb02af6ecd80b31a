package io.github.frappemessenger.frappe.webhook;

import static io.github.frappemessenger.frappe.webhook.WebhookHandlerRoutingTest.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.MessengerException;
import io.github.frappemessenger.frappe.site.ConversationGoneException;
import io.github.frappemessenger.hooks.DocEvent;
import io.github.frappemessenger.hooks.DocEvents;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The webhook's status follows what a {@link MessengerException} means, not which JDK type it is. */
class WebhookStatusByMeaningTest {

    private static WebhookResponse deliverFailingWith(RuntimeException failure) {
        DocEvents docEvents = DocEvents.builder().on("Messenger Message", DocEvent.AFTER_INSERT, doc -> {
            throw failure;
        }).build();
        WebhookHandler handler = WebhookHandler.builder().docEvents(docEvents).secret(Fixtures.SECRET).build();
        return handler.handle(new WebhookRequest("POST", "/webhooks/frappe/after_insert",
                Map.of(WebhookSignature.HEADER, Fixtures.fixtureSignature()), Fixtures.fixtureBody()));
    }

    @Test
    void aTransientFailureIs503SoThatFrappeRetries() {
        WebhookResponse response = deliverFailingWith(new MessengerException("database away", true));
        assertThat(response.status()).isEqualTo(503);
        assertThat(error(response)).as(response.body()).contains("database away");
    }

    @Test
    void aConversationDeletedMeanwhileIs503() {
        WebhookResponse response = deliverFailingWith(new ConversationGoneException("CONV-0001"));
        assertThat(response.status()).isEqualTo(503);
        assertThat(error(response)).as(response.body()).contains("CONV-0001");
    }

    @Test
    void aFailureThatARetryCannotMendIs400() {
        WebhookResponse response = deliverFailingWith(new MessengerException("no such platform", false));
        assertThat(response.status()).isEqualTo(400);
        assertThat(error(response)).as(response.body()).contains("no such platform");
    }
}
