package io.github.frappemessenger.frappe.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.frappemessenger.hooks.DocEvent;
import io.github.frappemessenger.hooks.DocEvents;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class WebhookHandlerRoutingTest {
    private final RecordingHandler afterInsert = new RecordingHandler();
    private final DocEvents docEvents = DocEvents.builder()
            .on("Messenger Message", DocEvent.AFTER_INSERT, afterInsert)
            .build();

    private WebhookHandler handler(HealthCheck health) {
        return WebhookHandler.builder().docEvents(docEvents).secret(Fixtures.SECRET).healthCheck(health).build();
    }

    private final WebhookHandler handler = handler(HealthCheck.none());

    @Test
    void frappesFixtureWithoutContentTypeIsVerifiedAndDispatched() {
        WebhookRequest request = new WebhookRequest("POST", "/webhooks/frappe/after_insert",
                Map.of("x-frappe-webhook-signature", Fixtures.fixtureSignature()), Fixtures.fixtureBody());

        WebhookResponse response = handler.handle(request);

        assertEquals(200, response.status(), response.body());
        JsonNode body = Fixtures.parse(response.body());
        assertTrue(body.get("ok").asBoolean());
        assertEquals("MSG-0001", body.get("name").asText());
        assertEquals("after_insert", body.get("event").asText());
        assertEquals(1, afterInsert.count());
        assertEquals("Hallo \u2013 \u00e7a va? \ud83d\udc4b", afterInsert.docs().get(0).get("message"));
    }

    @Test
    void aTrailingSlashIsTheSameRoute() {
        WebhookRequest request = new WebhookRequest("POST", "/webhooks/frappe/after_insert/",
                Map.of(WebhookSignature.HEADER, Fixtures.fixtureSignature()), Fixtures.fixtureBody());
        assertEquals(200, handler.handle(request).status());
    }

    @Test
    void healthIsOkWhenEveryBackendIsUp() {
        Map<String, BooleanSupplier> probes = new LinkedHashMap<>();
        probes.put("frappe", () -> true);
        probes.put("redis", () -> true);

        WebhookResponse response = handler(HealthCheck.of(probes)).handle(WebhookRequest.of("GET", "/health", null));

        assertEquals(200, response.status());
        assertEquals("{\"status\":\"ok\",\"checks\":{\"frappe\":\"up\",\"redis\":\"up\"}}", response.body());
    }

    @Test
    void healthIs503AndNamesTheBackendThatIsDown() {
        Map<String, BooleanSupplier> probes = new LinkedHashMap<>();
        probes.put("frappe", () -> true);
        probes.put("redis", () -> false);

        WebhookResponse response = handler(HealthCheck.of(probes)).handle(WebhookRequest.of("GET", "/health", null));

        assertEquals(503, response.status());
        assertEquals("{\"status\":\"down\",\"checks\":{\"frappe\":\"up\",\"redis\":\"down\"}}", response.body());
    }

    @Test
    void aProbeThatThrowsCountsAsDown() {
        Map<String, BooleanSupplier> probes = Map.of("frappe", () -> {
            throw new IllegalStateException("connection refused");
        });

        WebhookResponse response = handler(HealthCheck.of(probes)).handle(WebhookRequest.of("GET", "/health", null));

        assertEquals(503, response.status());
        assertEquals("down", Fixtures.parse(response.body()).at("/checks/frappe").asText());
    }

    @Test
    void aHealthCheckThatThrowsIs503WithAnError() {
        WebhookResponse response = handler(() -> {
            throw new IllegalStateException("boom");
        }).handle(WebhookRequest.of("GET", "/health", null));

        assertEquals(503, response.status());
        assertEquals("down", Fixtures.parse(response.body()).get("status").asText());
    }

    @Test
    void healthWithoutBackendsIsOk() {
        WebhookResponse response = handler.handle(WebhookRequest.of("GET", "/health", null));
        assertEquals(200, response.status());
        assertEquals("ok", Fixtures.parse(response.body()).get("status").asText());
    }

    @Test
    void postingToHealthIs405AllowingGet() {
        WebhookResponse response = handler.handle(WebhookRequest.of("POST", "/health", new byte[0]));

        assertEquals(405, response.status());
        assertEquals("GET", response.headers().get("Allow"));
        assertTrue(error(response).contains("Allow: GET"), response.body());
    }

    @Test
    void getOnAWebhookRouteIs405AllowingPostAndProcessesNothing() {
        WebhookResponse response = handler.handle(WebhookRequest.of("GET", "/webhooks/frappe/after_insert", null));

        assertEquals(405, response.status());
        assertEquals("POST", response.headers().get("Allow"));
        assertTrue(error(response).contains("Allow: POST"), response.body());
        assertEquals(0, afterInsert.count());
    }

    @Test
    void anUnknownRouteIs404() {
        WebhookResponse response = handler.handle(WebhookRequest.of("POST", "/api/resource/x", new byte[0]));

        assertEquals(404, response.status());
        assertTrue(error(response).contains("/webhooks/frappe/"), response.body());
    }

    @Test
    void anUnknownDocEventIs404NamingTheKnownOnes() {
        WebhookResponse response = handler.handle(Fixtures.signedPost("after_save", Fixtures.fixtureBody()));

        assertEquals(404, response.status());
        assertTrue(error(response).contains("'after_save'"), response.body());
        assertTrue(error(response).contains("on_update"), response.body());
        assertEquals(0, afterInsert.count());
    }

    @Test
    void aHooksPyEventNoWebhookCanFireIs404Too() {
        for (String beforeTheWrite : new String[] {"validate", "before_insert", "before_save"}) {
            WebhookResponse response = handler.handle(Fixtures.signedPost(beforeTheWrite, Fixtures.fixtureBody()));

            assertEquals(404, response.status(), beforeTheWrite);
            assertTrue(!error(response).contains("before_validate"), response.body());
        }
        assertEquals(0, afterInsert.count());
    }

    @Test
    void theWebhookPrefixAloneIs404() {
        assertEquals(404, handler.handle(Fixtures.signedPost("", Fixtures.fixtureBody())).status());
    }

    static String error(WebhookResponse response) {
        JsonNode error = Fixtures.parse(response.body()).get("error");
        assertTrue(error != null && error.isTextual(), "no error text in " + response.body());
        return error.asText();
    }
}
