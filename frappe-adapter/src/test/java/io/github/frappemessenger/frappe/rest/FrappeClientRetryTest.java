package io.github.frappemessenger.frappe.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrappeClientRetryTest {

    private final MockFrappe frappe = new MockFrappe();
    private final FrappeClient client = frappe.client();

    @AfterEach
    void stop() {
        frappe.close();
    }

    @Test
    void a503IsRetriedUntilFrappeAnswers() {
        frappe.answer(503, "{}");
        frappe.answer(503, "{}");
        frappe.answer(200, "{\"data\": {\"name\": \"MSG-1\"}}");

        assertThat(client.getDoc("Messenger Message", "MSG-1").orElseThrow().get("name")).isEqualTo("MSG-1");

        assertThat(frappe.requestCount()).isEqualTo(3);
    }

    @Test
    void aPersistent503GivesUpAfterMaxAttempts() {
        for (int i = 0; i < 5; i++) {
            frappe.answer(503, "{\"exc_type\": \"SiteUnderMaintenance\"}");
        }

        FrappeException e = assertThatExceptionOfType(FrappeException.class)
                .isThrownBy(() -> client.getCount("Messenger Message", List.of())).actual();

        assertThat(frappe.requestCount()).isEqualTo(3);
        assertThat(e.kind()).isEqualTo(FrappeException.Kind.SERVER);
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.isTransient()).isTrue();
        assertThat(e.getMessage()).startsWith("Frappe answered 503 SiteUnderMaintenance: ");
        assertThat(e.getMessage()).endsWith(", 3 attempts]");
    }

    @Test
    void maxAttemptsIsHonoured() {
        FrappeClient five = frappe.clientBuilder().retryPolicy(MockFrappe.FAST_RETRIES.withMaxAttempts(5)).build();
        for (int i = 0; i < 6; i++) {
            frappe.answer(500, "{}");
        }

        assertThatExceptionOfType(FrappeException.class).isThrownBy(() -> five.callMethod("frappe.ping", Map.of()));

        assertThat(frappe.requestCount()).isEqualTo(5);
    }

    @Test
    void putAndDeleteAreRetriedOn5xx() {
        frappe.answer(502, "{}");
        frappe.answer(200, "{\"data\": {\"name\": \"MSG-1\", \"is_read\": 1}}");
        frappe.answer(504, "{}");
        frappe.answer(202, "{\"message\": \"ok\"}");

        client.update("Messenger Message", "MSG-1", Map.of("is_read", 1));
        client.delete("Messenger Message", "MSG-1");

        assertThat(frappe.requestCount()).isEqualTo(4);
    }

    @Test
    void a429IsRetriedAfterItsRetryAfterCappedByThePolicy() {
        FrappeClient capped = frappe.clientBuilder()
                .retryPolicy(MockFrappe.FAST_RETRIES.withMaxRetryAfter(Duration.ofMillis(200)))
                .build();
        frappe.server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1")
                .body("{\"exc_type\": \"TooManyRequestsError\"}").build());
        frappe.answer(200, "{\"message\": 7}");

        long started = System.nanoTime();
        long count = capped.getCount("Messenger Message", List.of());
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(count).isEqualTo(7);
        assertThat(frappe.requestCount()).isEqualTo(2);
        // Ignoring Retry-After would wait ~1 ms (the backoff); ignoring the cap would wait 1000 ms.
        assertThat(waitedMs).as("waited " + waitedMs + " ms").isGreaterThanOrEqualTo(190).isLessThan(900);
    }

    @Test
    void aPostIsRetriedOn429BecauseFrappeDidNoWork() {
        frappe.answer(429, "{}");
        frappe.answer(200, "{\"data\": {\"name\": \"MSG-9\"}}");

        assertThat(client.insert("Messenger Message", Map.of("message", "hi")).get("name")).isEqualTo("MSG-9");

        assertThat(frappe.requestCount()).isEqualTo(2);
    }

    @Test
    void aPostIsNotRetriedOn500BecauseTheWriteMayHaveHappened() {
        frappe.answer(500, "{\"exc_type\": \"QueryDeadlockError\"}");
        frappe.answer(200, "{\"data\": {\"name\": \"MSG-DUPLICATE\"}}");

        FrappeException e = assertThatExceptionOfType(FrappeException.class)
                .isThrownBy(() -> client.insert("Messenger Message", Map.of("message", "hi"))).actual();

        assertThat(e.kind()).isEqualTo(FrappeException.Kind.SERVER);
        assertThat(frappe.requestCount()).isEqualTo(1);
        assertThat(e.attempts()).isEqualTo(1);
    }

    @Test
    void postMethodIsNotRetriedOn503() {
        frappe.answer(503, "{}");
        frappe.answer(200, "{\"message\": \"sent twice\"}");

        assertThatExceptionOfType(FrappeException.class)
                .isThrownBy(() -> client.postMethod("crm.api.messenger.send", Map.of()));

        assertThat(frappe.requestCount()).isEqualTo(1);
    }

    @Test
    void aReadTimeoutIsRetriedAndThenReportedAsUnavailable() {
        FrappeClient impatient = frappe.clientBuilder().readTimeout(Duration.ofMillis(100)).build();
        for (int i = 0; i < 3; i++) {
            frappe.server.enqueue(slow());
        }

        FrappeUnavailableException e = assertThatExceptionOfType(FrappeUnavailableException.class)
                .isThrownBy(() -> impatient.getDoc("Messenger Message", "MSG-1")).actual();

        assertThat(frappe.requestCount()).isEqualTo(3);
        assertThat(e.kind()).isEqualTo(FrappeException.Kind.UNAVAILABLE);
        assertThat(e.status()).isEqualTo(0);
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.getCause()).isInstanceOf(IOException.class);
    }

    @Test
    void aTimeoutThenAnAnswerSucceeds() {
        FrappeClient impatient = frappe.clientBuilder().readTimeout(Duration.ofMillis(100)).build();
        frappe.server.enqueue(slow());
        frappe.answer(200, "{\"message\": 1}");

        assertThat(impatient.getCount("Messenger Message", List.of())).isEqualTo(1);

        assertThat(frappe.requestCount()).isEqualTo(2);
    }

    @Test
    void aPostThatTimesOutIsNotRetried() {
        FrappeClient impatient = frappe.clientBuilder().readTimeout(Duration.ofMillis(100)).build();
        frappe.server.enqueue(slow());
        frappe.answer(200, "{\"data\": {\"name\": \"MSG-DUPLICATE\"}}");

        FrappeUnavailableException e = assertThatExceptionOfType(FrappeUnavailableException.class)
                .isThrownBy(() -> impatient.insert("Messenger Message", Map.of("message", "hi"))).actual();

        assertThat(frappe.requestCount()).isEqualTo(1);
        assertThat(e.attempts()).isEqualTo(1);
    }

    @Test
    void theCallTimeoutBoundsEachAttempt() {
        FrappeClient bounded = frappe.clientBuilder()
                .retryPolicy(RetryPolicy.none())
                .callTimeout(Duration.ofMillis(150))
                .build();
        frappe.server.enqueue(new MockResponse.Builder().code(200).body("{\"message\": 1}")
                .bodyDelay(2, TimeUnit.SECONDS).build());

        long started = System.nanoTime();
        assertThatExceptionOfType(FrappeUnavailableException.class)
                .isThrownBy(() -> bounded.callMethod("frappe.ping", Map.of()));

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1000);
    }

    @Test
    void aRefusedConnectionIsRetriedThenReportedWithItsCause() {
        int port = frappe.server.getPort();
        frappe.close();
        FrappeClient gone = frappe.clientBuilder().baseUrl("http://127.0.0.1:" + port).build();

        FrappeUnavailableException e = assertThatExceptionOfType(FrappeUnavailableException.class)
                .isThrownBy(() -> gone.getList(ListQuery.builder("Note").build())).actual();

        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.getCause()).isInstanceOf(IOException.class);
    }

    @Test
    void a400IsNotRetried() {
        frappe.answer(400, "{\"exc_type\": \"CSRFTokenError\"}");
        frappe.answer(200, "{\"message\": 1}");

        FrappeException e = assertThatExceptionOfType(FrappeException.class)
                .isThrownBy(() -> client.callMethod("x.y", Map.of())).actual();

        assertThat(e.kind()).isEqualTo(FrappeException.Kind.OTHER);
        assertThat(frappe.requestCount()).isEqualTo(1);
    }

    private static MockResponse slow() {
        return new MockResponse.Builder().code(200).body("{\"message\": 1}").headersDelay(1, TimeUnit.SECONDS).build();
    }
}
