package io.github.frappemessenger.frappe.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

        assertEquals("MSG-1", client.getDoc("Messenger Message", "MSG-1").orElseThrow().get("name"));

        assertEquals(3, frappe.requestCount());
    }

    @Test
    void aPersistent503GivesUpAfterMaxAttempts() {
        for (int i = 0; i < 5; i++) {
            frappe.answer(503, "{\"exc_type\": \"SiteUnderMaintenance\"}");
        }

        FrappeException e = assertThrows(FrappeException.class,
                () -> client.getCount("Messenger Message", List.of()));

        assertEquals(3, frappe.requestCount());
        assertEquals(FrappeException.Kind.SERVER, e.kind());
        assertEquals(3, e.attempts());
        assertTrue(e.isTransient());
        assertTrue(e.getMessage().startsWith("Frappe answered 503 SiteUnderMaintenance: "), e.getMessage());
        assertTrue(e.getMessage().endsWith(", 3 attempts]"), e.getMessage());
    }

    @Test
    void maxAttemptsIsHonoured() {
        FrappeClient five = frappe.clientBuilder().retryPolicy(MockFrappe.FAST_RETRIES.withMaxAttempts(5)).build();
        for (int i = 0; i < 6; i++) {
            frappe.answer(500, "{}");
        }

        assertThrows(FrappeException.class, () -> five.callMethod("frappe.ping", Map.of()));

        assertEquals(5, frappe.requestCount());
    }

    @Test
    void putAndDeleteAreRetriedOn5xx() {
        frappe.answer(502, "{}");
        frappe.answer(200, "{\"data\": {\"name\": \"MSG-1\", \"is_read\": 1}}");
        frappe.answer(504, "{}");
        frappe.answer(202, "{\"message\": \"ok\"}");

        client.update("Messenger Message", "MSG-1", Map.of("is_read", 1));
        client.delete("Messenger Message", "MSG-1");

        assertEquals(4, frappe.requestCount());
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

        assertEquals(7, count);
        assertEquals(2, frappe.requestCount());
        // Ignoring Retry-After would wait ~1 ms (the backoff); ignoring the cap would wait 1000 ms.
        assertTrue(waitedMs >= 190 && waitedMs < 900, "waited " + waitedMs + " ms");
    }

    @Test
    void aPostIsRetriedOn429BecauseFrappeDidNoWork() {
        frappe.answer(429, "{}");
        frappe.answer(200, "{\"data\": {\"name\": \"MSG-9\"}}");

        assertEquals("MSG-9", client.insert("Messenger Message", Map.of("message", "hi")).get("name"));

        assertEquals(2, frappe.requestCount());
    }

    @Test
    void aPostIsNotRetriedOn500BecauseTheWriteMayHaveHappened() {
        frappe.answer(500, "{\"exc_type\": \"QueryDeadlockError\"}");
        frappe.answer(200, "{\"data\": {\"name\": \"MSG-DUPLICATE\"}}");

        FrappeException e = assertThrows(FrappeException.class,
                () -> client.insert("Messenger Message", Map.of("message", "hi")));

        assertEquals(FrappeException.Kind.SERVER, e.kind());
        assertEquals(1, frappe.requestCount());
        assertEquals(1, e.attempts());
    }

    @Test
    void postMethodIsNotRetriedOn503() {
        frappe.answer(503, "{}");
        frappe.answer(200, "{\"message\": \"sent twice\"}");

        assertThrows(FrappeException.class, () -> client.postMethod("crm.api.messenger.send", Map.of()));

        assertEquals(1, frappe.requestCount());
    }

    @Test
    void aReadTimeoutIsRetriedAndThenReportedAsUnavailable() {
        FrappeClient impatient = frappe.clientBuilder().readTimeout(Duration.ofMillis(100)).build();
        for (int i = 0; i < 3; i++) {
            frappe.server.enqueue(slow());
        }

        FrappeUnavailableException e = assertThrows(FrappeUnavailableException.class,
                () -> impatient.getDoc("Messenger Message", "MSG-1"));

        assertEquals(3, frappe.requestCount());
        assertEquals(FrappeException.Kind.UNAVAILABLE, e.kind());
        assertEquals(0, e.status());
        assertEquals(3, e.attempts());
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void aTimeoutThenAnAnswerSucceeds() {
        FrappeClient impatient = frappe.clientBuilder().readTimeout(Duration.ofMillis(100)).build();
        frappe.server.enqueue(slow());
        frappe.answer(200, "{\"message\": 1}");

        assertEquals(1, impatient.getCount("Messenger Message", List.of()));

        assertEquals(2, frappe.requestCount());
    }

    @Test
    void aPostThatTimesOutIsNotRetried() {
        FrappeClient impatient = frappe.clientBuilder().readTimeout(Duration.ofMillis(100)).build();
        frappe.server.enqueue(slow());
        frappe.answer(200, "{\"data\": {\"name\": \"MSG-DUPLICATE\"}}");

        FrappeUnavailableException e = assertThrows(FrappeUnavailableException.class,
                () -> impatient.insert("Messenger Message", Map.of("message", "hi")));

        assertEquals(1, frappe.requestCount());
        assertEquals(1, e.attempts());
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
        assertThrows(FrappeUnavailableException.class, () -> bounded.callMethod("frappe.ping", Map.of()));

        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 1000);
    }

    @Test
    void aRefusedConnectionIsRetriedThenReportedWithItsCause() {
        int port = frappe.server.getPort();
        frappe.close();
        FrappeClient gone = frappe.clientBuilder().baseUrl("http://127.0.0.1:" + port).build();

        FrappeUnavailableException e = assertThrows(FrappeUnavailableException.class,
                () -> gone.getList(ListQuery.builder("Note").build()));

        assertEquals(3, e.attempts());
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void a400IsNotRetried() {
        frappe.answer(400, "{\"exc_type\": \"CSRFTokenError\"}");
        frappe.answer(200, "{\"message\": 1}");

        FrappeException e = assertThrows(FrappeException.class, () -> client.callMethod("x.y", Map.of()));

        assertEquals(FrappeException.Kind.OTHER, e.kind());
        assertEquals(1, frappe.requestCount());
    }

    private static MockResponse slow() {
        return new MockResponse.Builder().code(200).body("{\"message\": 1}").headersDelay(1, TimeUnit.SECONDS).build();
    }
}
