package io.github.frappemessenger.frappe.webhook;

import static org.assertj.core.api.Assertions.assertThat;

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

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = Fixtures.parse(response.body());
        assertThat(body.get("ok").asBoolean()).isTrue();
        assertThat(body.get("name").asText()).isEqualTo("MSG-0001");
        assertThat(body.get("event").asText()).isEqualTo("after_insert");
        assertThat(afterInsert.count()).isEqualTo(1);
        assertThat(afterInsert.docs().get(0).get("message")).isEqualTo("Hallo \u2013 \u00e7a va? \ud83d\udc4b");
    }

    @Test
    void aTrailingSlashIsTheSameRoute() {
        WebhookRequest request = new WebhookRequest("POST", "/webhooks/frappe/after_insert/",
                Map.of(WebhookSignature.HEADER, Fixtures.fixtureSignature()), Fixtures.fixtureBody());
        assertThat(handler.handle(request).status()).isEqualTo(200);
    }

    @Test
    void healthIsOkWhenEveryBackendIsUp() {
        Map<String, BooleanSupplier> probes = new LinkedHashMap<>();
        probes.put("frappe", () -> true);
        probes.put("redis", () -> true);

        WebhookResponse response = handler(HealthCheck.of(probes)).handle(WebhookRequest.of("GET", "/health", null));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\",\"checks\":{\"frappe\":\"up\",\"redis\":\"up\"}}");
    }

    @Test
    void healthIs503AndNamesTheBackendThatIsDown() {
        Map<String, BooleanSupplier> probes = new LinkedHashMap<>();
        probes.put("frappe", () -> true);
        probes.put("redis", () -> false);

        WebhookResponse response = handler(HealthCheck.of(probes)).handle(WebhookRequest.of("GET", "/health", null));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.body())
                .isEqualTo("{\"status\":\"down\",\"checks\":{\"frappe\":\"up\",\"redis\":\"down\"}}");
    }

    @Test
    void aProbeThatThrowsCountsAsDown() {
        Map<String, BooleanSupplier> probes = Map.of("frappe", () -> {
            throw new IllegalStateException("connection refused");
        });

        WebhookResponse response = handler(HealthCheck.of(probes)).handle(WebhookRequest.of("GET", "/health", null));

        assertThat(response.status()).isEqualTo(503);
        assertThat(Fixtures.parse(response.body()).at("/checks/frappe").asText()).isEqualTo("down");
    }

    @Test
    void aHealthCheckThatThrowsIs503WithAnError() {
        WebhookResponse response = handler(() -> {
            throw new IllegalStateException("boom");
        }).handle(WebhookRequest.of("GET", "/health", null));

        assertThat(response.status()).isEqualTo(503);
        assertThat(Fixtures.parse(response.body()).get("status").asText()).isEqualTo("down");
    }

    @Test
    void healthWithoutBackendsIsOk() {
        WebhookResponse response = handler.handle(WebhookRequest.of("GET", "/health", null));
        assertThat(response.status()).isEqualTo(200);
        assertThat(Fixtures.parse(response.body()).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void postingToHealthIs405AllowingGet() {
        WebhookResponse response = handler.handle(WebhookRequest.of("POST", "/health", new byte[0]));

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers().get("Allow")).isEqualTo("GET");
        assertThat(error(response)).as(response.body()).contains("Allow: GET");
    }

    @Test
    void getOnAWebhookRouteIs405AllowingPostAndProcessesNothing() {
        WebhookResponse response = handler.handle(WebhookRequest.of("GET", "/webhooks/frappe/after_insert", null));

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers().get("Allow")).isEqualTo("POST");
        assertThat(error(response)).as(response.body()).contains("Allow: POST");
        assertThat(afterInsert.count()).isEqualTo(0);
    }

    @Test
    void anUnknownRouteIs404() {
        WebhookResponse response = handler.handle(WebhookRequest.of("POST", "/api/resource/x", new byte[0]));

        assertThat(response.status()).isEqualTo(404);
        assertThat(error(response)).as(response.body()).contains("/webhooks/frappe/");
    }

    @Test
    void anUnknownDocEventIs404NamingTheKnownOnes() {
        WebhookResponse response = handler.handle(Fixtures.signedPost("after_save", Fixtures.fixtureBody()));

        assertThat(response.status()).isEqualTo(404);
        assertThat(error(response)).as(response.body()).contains("'after_save'");
        assertThat(error(response)).as(response.body()).contains("on_update");
        assertThat(afterInsert.count()).isEqualTo(0);
    }

    @Test
    void aHooksPyEventNoWebhookCanFireIs404Too() {
        for (String beforeTheWrite : new String[] {"validate", "before_insert", "before_save"}) {
            WebhookResponse response = handler.handle(Fixtures.signedPost(beforeTheWrite, Fixtures.fixtureBody()));

            assertThat(response.status()).as(beforeTheWrite).isEqualTo(404);
            assertThat(error(response)).as(response.body()).doesNotContain("before_validate");
        }
        assertThat(afterInsert.count()).isEqualTo(0);
    }

    @Test
    void theWebhookPrefixAloneIs404() {
        assertThat(handler.handle(Fixtures.signedPost("", Fixtures.fixtureBody())).status()).isEqualTo(404);
    }

    static String error(WebhookResponse response) {
        JsonNode error = Fixtures.parse(response.body()).get("error");
        assertThat(error != null && error.isTextual()).as("no error text in " + response.body()).isTrue();
        return error.asText();
    }
}
