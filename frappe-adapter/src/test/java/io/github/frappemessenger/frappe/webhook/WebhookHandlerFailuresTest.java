package io.github.frappemessenger.frappe.webhook;

import static io.github.frappemessenger.frappe.webhook.WebhookHandlerRoutingTest.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.frappe.internal.webhook.UpdateFailedException;
import io.github.frappemessenger.hooks.DocEvent;
import io.github.frappemessenger.hooks.DocEventHandler;
import io.github.frappemessenger.hooks.DocEvents;
import io.github.frappemessenger.lifecycle.MessengerValidationException;
import io.github.frappemessenger.testing.MessengerDocs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookHandlerFailuresTest {
    private static final String API_SECRET = "api-secret-7f3a";

    private static WebhookHandler failingWith(RuntimeException failure) {
        DocEventHandler failing = doc -> {
            throw failure;
        };
        DocEvents docEvents = DocEvents.builder().on("Messenger Message", DocEvent.AFTER_INSERT, failing).build();
        return WebhookHandler.builder().docEvents(docEvents).secret(Fixtures.SECRET).build();
    }

    private static WebhookResponse deliverFixture(WebhookHandler handler) {
        return handler.handle(new WebhookRequest("POST", "/webhooks/frappe/after_insert",
                Map.of(WebhookSignature.HEADER, Fixtures.fixtureSignature()), Fixtures.fixtureBody()));
    }

    @Test
    void aValidationRefusalIs422WithItsMessage() {
        WebhookResponse response = deliverFixture(
                failingWith(new MessengerValidationException("MSG-0001", "sender_id is required")));

        assertThat(response.status()).isEqualTo(422);
        assertThat(error(response)).isEqualTo("Messenger Message MSG-0001: sender_id is required");
    }

    @Test
    void aBadlyTypedFieldIs400WithItsMessage() {
        WebhookResponse response = deliverFixture(
                failingWith(new IllegalArgumentException("field 'is_read' must be 0 or 1, got 'maybe'")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(error(response)).as(response.body()).contains("field 'is_read' must be 0 or 1");
    }

    @Test
    void anyOtherFailureIs503SoThatFrappeRetries() {
        WebhookResponse response = deliverFixture(failingWith(new IllegalStateException("Frappe answered 502")));

        assertThat(response.status()).isEqualTo(503);
        assertThat(error(response)).as(response.body()).contains("after_insert of Messenger Message MSG-0001");
        assertThat(error(response)).as(response.body()).contains("Frappe answered 502");
    }

    @Test
    void aFailedUpdateIs503() {
        WebhookResponse response = deliverFixture(
                failingWith(new UpdateFailedException("MSG-0001", new IllegalStateException("Redis down"))));

        assertThat(response.status()).isEqualTo(503);
        assertThat(error(response)).as(response.body()).contains("Redis down");
    }

    /**
     * What is checked: every response body, and everything slf4j-simple writes (it writes to System.err, looked up
     * at each write), while the handler answers unsigned, wrongly signed and failing deliveries that carry the
     * webhook secret's signature and an Authorization header with an API secret.
     */
    @Test
    void noSecretOrHeaderValueReachesAResponseBodyOrTheLog() {
        String realSignature = Fixtures.fixtureSignature();
        String wrongSignature = WebhookSignature.withSecret("not-the-secret").sign(Fixtures.fixtureBody());
        Map<String, String> secrets = Map.of(WebhookSignature.HEADER, realSignature,
                "Authorization", "token api-key:" + API_SECRET);
        List<WebhookResponse> responses = new ArrayList<>();

        String log = capturingStandardError(() -> {
            // The failure message quotes the secret, as a careless backend might: neither body nor log may.
            WebhookHandler failing = failingWith(new IllegalStateException("login with " + Fixtures.SECRET
                    + " failed"));
            responses.add(failing.handle(new WebhookRequest("POST", "/webhooks/frappe/after_insert", secrets,
                    Fixtures.fixtureBody())));
            responses.add(failing.handle(new WebhookRequest("POST", "/webhooks/frappe/after_insert",
                    Map.of(WebhookSignature.HEADER, wrongSignature, "Authorization", "token k:" + API_SECRET),
                    Fixtures.fixtureBody())));
            responses.add(failing.handle(new WebhookRequest("POST", "/webhooks/frappe/after_insert",
                    Map.of("Authorization", "token k:" + API_SECRET), Fixtures.fixtureBody())));
            responses.add(failing.handle(new WebhookRequest("GET", "/webhooks/frappe/after_insert", secrets,
                    null)));
        });

        assertThat(responses.stream().map(WebhookResponse::status).toList()).isEqualTo(List.of(503, 401, 401, 405));
        assertThat(log).as("the log was not captured: " + log).contains("answering 503");
        for (WebhookResponse response : responses) {
            for (String secret : List.of(Fixtures.SECRET, API_SECRET, realSignature, wrongSignature)) {
                assertThat(response.body()).doesNotContain(secret);
            }
        }
        assertThat(log).contains("java.lang.IllegalStateException: login with [secret] failed");
        for (String secret : List.of(Fixtures.SECRET, API_SECRET, realSignature, wrongSignature)) {
            assertThat(log).as("log shows a secret: " + log).doesNotContain(secret);
        }
    }

    @Test
    void aDocNameWithANewlineCannotForgeALogLine() {
        String forged = "[frappe-webhook-1] ERROR forged";
        String name = "MSG-1\n" + forged;
        DocEventHandler failing = doc -> {
            throw new IllegalStateException("Messenger Message " + doc.get("name") + " failed\r\n" + forged);
        };
        DocEventHandler refusing = doc -> {
            throw new IllegalArgumentException("field 'is_read' of " + doc.get("name") + " must be 0 or 1");
        };
        WebhookHandler handler = WebhookHandler.builder().secret(Fixtures.SECRET).docEvents(DocEvents.builder()
                .on("Messenger Message", DocEvent.ON_UPDATE, failing)
                .on("Messenger Message", DocEvent.AFTER_INSERT, refusing).build()).build();
        byte[] body = Fixtures.json(MessengerDocs.message(name).from("psid-1").set("modified", "2024-01-01 00:00:01").build());
        List<WebhookResponse> responses = new ArrayList<>();

        String log = capturingStandardError(() -> {
            responses.add(handler.handle(Fixtures.signedPost("on_update", body)));
            responses.add(handler.handle(Fixtures.signedPost("after_insert", body)));
        });

        assertThat(responses.stream().map(WebhookResponse::status).toList()).isEqualTo(List.of(503, 400));
        assertThat(log).as("the name is logged, escaped: " + log).contains("MSG-1\\n" + forged);
        assertThat(log.lines().anyMatch(line -> line.startsWith(forged))).as(log).isFalse();
        assertThat(log).doesNotContain("\r");
    }

    @Test
    void aRequestsToStringShowsHeaderNamesButNotTheirValues() {
        WebhookRequest request = new WebhookRequest("POST", "/webhooks/frappe/after_insert",
                Map.of("Authorization", "token k:" + API_SECRET), new byte[3]);

        assertThat(request.toString()).contains("Authorization");
        assertThat(request.toString()).doesNotContain(API_SECRET);
    }

    private static String capturingStandardError(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
