package io.github.frappemessenger.frappe.webhook;

import static io.github.frappemessenger.frappe.webhook.WebhookHandlerRoutingTest.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

        assertEquals(401, response.status());
        assertTrue(error(response).contains("missing X-Frappe-Webhook-Signature"), response.body());
        assertEquals(0, afterInsert.count());
    }

    @Test
    void aWrongSignatureIs401() {
        WebhookRequest request = new WebhookRequest("POST", "/webhooks/frappe/after_insert",
                Map.of(WebhookSignature.HEADER, WebhookSignature.withSecret("other").sign(Fixtures.fixtureBody())),
                Fixtures.fixtureBody());

        WebhookResponse response = signed.handle(request);

        assertEquals(401, response.status());
        assertTrue(error(response).contains("invalid X-Frappe-Webhook-Signature"), response.body());
        assertEquals(0, afterInsert.count());
    }

    @Test
    void aMalformedSignatureIs401() {
        WebhookRequest request = new WebhookRequest("POST", "/webhooks/frappe/after_insert",
                Map.of(WebhookSignature.HEADER, "%%% not base64 %%%"), Fixtures.fixtureBody());
        assertEquals(401, signed.handle(request).status());
        assertEquals(0, afterInsert.count());
    }

    @Test
    void withoutASecretAnUnsignedDeliveryIsProcessed() {
        assertEquals(200, unsigned.handle(Fixtures.post("after_insert", Fixtures.fixtureBody())).status());
        assertEquals(1, afterInsert.count());
    }

    @Test
    void malformedJsonIs400() {
        WebhookResponse response = signed.handle(Fixtures.signedPost("after_insert", text("{\"name\": \"MSG-1\",")));

        assertEquals(400, response.status());
        assertTrue(error(response).startsWith("the body is not valid JSON"), response.body());
        assertEquals(0, afterInsert.count());
    }

    @Test
    void jsonWithTrailingGarbageIs400() {
        byte[] body = text("{\"name\": \"MSG-1\", \"doctype\": \"Messenger Message\"} trailing");
        assertEquals(400, signed.handle(Fixtures.signedPost("after_insert", body)).status());
        assertEquals(0, afterInsert.count());
    }

    @Test
    void anEmptyBodyIs400() {
        WebhookResponse response = unsigned.handle(Fixtures.post("after_insert", new byte[0]));

        assertEquals(400, response.status());
        assertTrue(error(response).contains("empty"), response.body());
    }

    @Test
    void aJsonArrayIs400() {
        WebhookResponse response = unsigned.handle(Fixtures.post("after_insert", text("[1, 2]")));

        assertEquals(400, response.status());
        assertTrue(error(response).contains("array"), response.body());
    }

    @Test
    void aDocWithoutDoctypeIs400() {
        WebhookResponse response = unsigned.handle(Fixtures.post("after_insert", text("{\"name\": \"MSG-1\"}")));

        assertEquals(400, response.status());
        assertTrue(error(response).contains("'doctype'"), response.body());
        assertEquals(0, afterInsert.count());
    }

    @Test
    void aDocWithoutNameIs400() {
        byte[] body = text("{\"doctype\": \"Messenger Message\", \"name\": \"  \"}");
        WebhookResponse response = unsigned.handle(Fixtures.post("after_insert", body));

        assertEquals(400, response.status());
        assertTrue(error(response).contains("'name'"), response.body());
        assertEquals(0, afterInsert.count());
    }

    @Test
    void aBodyOverTheLimitIs413AndOneAtTheLimitIsProcessed() {
        WebhookHandler small = WebhookHandler.builder().docEvents(docEvents).maxBodyBytes(100).build();
        String doc = "{\"doctype\": \"Messenger Message\", \"name\": \"MSG-1\", \"x\": \"";
        String exactly100 = doc + "a".repeat(100 - doc.length() - 2) + "\"}";

        WebhookResponse over = small.handle(Fixtures.post("after_insert", text(exactly100 + " ")));
        WebhookResponse at = small.handle(Fixtures.post("after_insert", text(exactly100)));

        assertEquals(413, over.status());
        assertTrue(error(over).contains("100 bytes"), over.body());
        assertEquals(200, at.status(), at.body());
        assertEquals(1, afterInsert.count());
    }

    @Test
    void anOversizedBodyIs413EvenWithoutASignature() {
        WebhookHandler small = WebhookHandler.builder().docEvents(docEvents).secret(Fixtures.SECRET)
                .maxBodyBytes(10).build();
        assertEquals(413, small.handle(Fixtures.post("after_insert", Fixtures.fixtureBody())).status());
    }

    @Test
    void aDocOfADoctypeWithoutHandlersIs202Ignored() {
        byte[] body = text("{\"doctype\": \"ToDo\", \"name\": \"TD-1\", \"modified\": \"2026-11-20 10:00:00\"}");

        WebhookResponse response = unsigned.handle(Fixtures.post("after_insert", body));

        assertEquals(202, response.status());
        assertTrue(Fixtures.parse(response.body()).get("ignored").asBoolean(), response.body());
        assertEquals(0, afterInsert.count());
    }

    @Test
    void aHandledDoctypeWithoutAHandlerForTheEventIs202Ignored() {
        WebhookResponse response = signed.handle(Fixtures.signedPost("on_trash", Fixtures.fixtureBody()));

        assertEquals(202, response.status());
        assertTrue(Fixtures.parse(response.body()).get("ignored").asBoolean(), response.body());
        assertEquals(0, afterInsert.count());
    }
}
