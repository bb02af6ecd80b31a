package io.github.frappemessenger.frappe.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A MockWebServer standing in for a Frappe site, and a client pointed at it with tiny backoffs. */
final class MockFrappe implements AutoCloseable {

    static final String API_KEY = "0f3b9c1d2e4a5b6";
    static final String API_SECRET = "s3cr3t-7e1d9a2c4b";

    /** 3 attempts, 1–2 ms apart: the retry rules, without the wait. */
    static final RetryPolicy FAST_RETRIES = RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(2));

    final MockWebServer server = new MockWebServer();

    MockFrappe() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FrappeClient.Builder clientBuilder() {
        return FrappeClient.builder()
                .baseUrl(server.url("/"))
                .apiKey(API_KEY)
                .apiSecret(API_SECRET)
                .retryPolicy(FAST_RETRIES);
    }

    FrappeClient client() {
        return clientBuilder().build();
    }

    void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build());
    }

    void answerFixture(int code, String fixture) {
        answer(code, fixture(fixture));
    }

    RecordedRequest take() {
        try {
            RecordedRequest request = server.takeRequest(2, TimeUnit.SECONDS);
            assertThat(request).as("Frappe received no request").isNotNull();
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    int requestCount() {
        return server.getRequestCount();
    }

    static String fixture(String name) {
        try (InputStream in = MockFrappe.class.getResourceAsStream(name)) {
            assertThat(in).as("missing fixture " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
