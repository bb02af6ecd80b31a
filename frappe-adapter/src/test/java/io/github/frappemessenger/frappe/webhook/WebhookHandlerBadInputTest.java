package io.github.frappemessenger.frappe.webhook;

import static io.github.frappemessenger.frappe.webhook.WebhookHandlerRoutingTest.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.hooks.DocEvent;
import io.github.frappemessenger.hooks.DocEvents;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookHandlerBadInputTest {
    private final RecordingHandler afterInsert = new RecordingHandler();
    private final DocEvents docEvents = DocEvents.builder()
            .on("Messenger Message", DocEvent.AFTER_INSERT, afterInsert)
            .build();
    private final WebhookHandler signed = WebhookHandler.builder().docEvents(docEvents).secret(Fixtures.SECRET)
            .build();
    private final WebhookHandler unsigned = WebhookHandler.builder().docEvents(docEvents).build();

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMissingSignatureIs401WhenASecretIsConfigured() {
        WebhookResponse response = signed.handle(Fixtures.post("after_insert", Fixtures.fixtureBody()));

        assertThat(response.status()).isEqualTo(401);
        assertThat(error(response)).as(response.body()).contains("missing X-Frappe-Webhook-Signature");
        assertThat(afterInsert.count()).isEqualTo(0);
    }

    @Test
    void aWrongSignatureIs401() {
        WebhookRequest request = new WebhookRequest("POST", "/webhooks/frappe/after_insert",
                Map.of(WebhookSignature.HEADER, WebhookSignature.withSecret("other").sign(Fixtures.fixtureBody())),
                Fixtures.fixtureBody());

        WebhookResponse response = signed.handle(request);

        assertThat(response.status()).isEqualTo(401);
        assertThat(error(response)).as(response.body()).contains("invalid X-Frappe-Webhook-Signature");
        assertThat(afterInsert.count()).isEqualTo(0);
    }

    @Test
    void aMalformedSignatureIs401() {
        WebhookRequest request = new WebhookRequest("POST", "/webhooks/frappe/after_insert",
                Map.of(WebhookSignature.HEADER, "%%% not base64 %%%"), Fixtures.fixtureBody());
        assertThat(signed.handle(request).status()).isEqualTo(401);
        assertThat(afterInsert.count()).isEqualTo(0);
    }

    @Test
    void withoutASecretAnUnsignedDeliveryIsProcessed() {
        assertThat(unsigned.handle(Fixtures.post("after_insert", Fixtures.fixtureBody())).status()).isEqualTo(200);
        assertThat(afterInsert.count()).isEqualTo(1);
    }

    @Test
    void malformedJsonIs400() {
        WebhookResponse response = signed.handle(Fixtures.signedPost("after_insert", text("{\"name\": \"MSG-1\",")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(error(response)).as(response.body()).startsWith("the body is not valid JSON");
        assertThat(afterInsert.count()).isEqualTo(0);
    }

    @Test
    void jsonWithTrailingGarbageIs400() {
        byte[] body = text("{\"name\": \"MSG-1\", \"doctype\": \"Messenger Message\"} trailing");
        assertThat(signed.handle(Fixtures.signedPost("after_insert", body)).status()).isEqualTo(400);
        assertThat(afterInsert.count()).isEqualTo(0);
    }

    @Test
    void anEmptyBodyIs400() {
        WebhookResponse response = unsigned.handle(Fixtures.post("after_insert", new byte[0]));

        assertThat(response.status()).isEqualTo(400);
        assertThat(error(response)).as(response.body()).contains("empty");
    }

    @Test
    void aJsonArrayIs400() {
        WebhookResponse response = unsigned.handle(Fixtures.post("after_insert", text("[1, 2]")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(error(response)).as(response.body()).contains("array");
    }

    @Test
    void aDocWithoutDoctypeIs400() {
        WebhookResponse response = unsigned.handle(Fixtures.post("after_insert", text("{\"name\": \"MSG-1\"}")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(error(response)).as(response.body()).contains("'doctype'");
        assertThat(afterInsert.count()).isEqualTo(0);
    }

    @Test
    void aDocWithoutNameIs400() {
        byte[] body = text("{\"doctype\": \"Messenger Message\", \"name\": \"  \"}");
        WebhookResponse response = unsigned.handle(Fixtures.post("after_insert", body));

        assertThat(response.status()).isEqualTo(400);
        assertThat(error(response)).as(response.body()).contains("'name'");
        assertThat(afterInsert.count()).isEqualTo(0);
    }

    @Test
    void aBodyOverTheLimitIs413AndOneAtTheLimitIsProcessed() {
        WebhookHandler small = WebhookHandler.builder().docEvents(docEvents).maxBodyBytes(100).build();
        String doc = "{\"doctype\": \"Messenger Message\", \"name\": \"MSG-1\", \"x\": \"";
        String exactly100 = doc + "a".repeat(100 - doc.length() - 2) + "\"}";

        WebhookResponse over = small.handle(Fixtures.post("after_insert", text(exactly100 + " ")));
        WebhookResponse at = small.handle(Fixtures.post("after_insert", text(exactly100)));

        assertThat(over.status()).isEqualTo(413);
        assertThat(error(over)).as(over.body()).contains("100 bytes");
        assertThat(at.status()).as(at.body()).isEqualTo(200);
        assertThat(afterInsert.count()).isEqualTo(1);
    }

    @Test
    void anOversizedBodyIs413EvenWithoutASignature() {
        WebhookHandler small = WebhookHandler.builder().docEvents(docEvents).secret(Fixtures.SECRET)
                .maxBodyBytes(10).build();
        assertThat(small.handle(Fixtures.post("after_insert", Fixtures.fixtureBody())).status()).isEqualTo(413);
    }

    @Test
    void aDocOfADoctypeWithoutHandlersIs202Ignored() {
        byte[] body = text("{\"doctype\": \"ToDo\", \"name\": \"TD-1\", \"modified\": \"2026-11-20 10:00:00\"}");

        WebhookResponse response = unsigned.handle(Fixtures.post("after_insert", body));

        assertThat(response.status()).isEqualTo(202);
        assertThat(Fixtures.parse(response.body()).get("ignored").asBoolean()).as(response.body()).isTrue();
        assertThat(afterInsert.count()).isEqualTo(0);
    }

    @Test
    void aHandledDoctypeWithoutAHandlerForTheEventIs202Ignored() {
        WebhookResponse response = signed.handle(Fixtures.signedPost("on_trash", Fixtures.fixtureBody()));

        assertThat(response.status()).isEqualTo(202);
        assertThat(Fixtures.parse(response.body()).get("ignored").asBoolean()).as(response.body()).isTrue();
        assertThat(afterInsert.count()).isEqualTo(0);
    }
}
