package io.github.frappemessenger.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Frappe's webhook job: json.dumps bytes, signed; 3 tries, 5 s timeout, sleeps of 1 s then 4 s, then given up. */
class FrappeWebhooksTest {
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch never = new CountDownLatch(1);
    private HttpServer server;

    /** A webhook receiver answering {@code status}, or never answering when {@code status} is 0. */
    private URI receiver(int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders()
                    .getFirst("X-Frappe-Webhook-Signature") + " " + body);
            if (status == 0) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status == 0 ? 200 : status, -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/frappe/");
    }

    @AfterEach
    void stop() {
        never.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void theBodyIsJsonDumpsOfTheDocSignedAsFrappeSignsIt() throws Exception {
        Map<String, Object> doc = MessengerDocs.message("MSG-0001").saved("2026-11-20 10:00:00.123456")
                .set("message_id", "m_AbC123").text("Hallo \u2013 \u00e7a va? \uD83D\uDC4B").from("6543210987654321")
                .build();
        try (FrappeWebhooks webhooks = FrappeWebhooks.builder().secret("test-webhook-secret")
                .target(URI.create("http://127.0.0.1:9/")).build()) {
            FrappeWebhooks.Delivery d = webhooks.prepare("after_insert", doc);

            assertThat(d.body()).isEqualTo(fixture("webhook-after_insert-messenger-message.body"));
            assertThat("X-Frappe-Webhook-Signature: " + d.signature()).isEqualTo(
                    new String(fixture("webhook-after_insert-messenger-message.headers"), StandardCharsets.US_ASCII)
                            .strip());
        }
    }

    @Test
    void aSiteSaveIsDeliveredAsAfterInsertThenOnUpdateAndAnAnsweredTryIsTheOnlyOne() throws Exception {
        URI base = receiver(200);
        try (FrappeStandIn site = new FrappeStandIn();
             FrappeWebhooks webhooks = FrappeWebhooks.builder().secret("s3cret").target(base).build()
                     .listenTo(site)) {
            site.insert(FrappeStandIn.CONVERSATION, MessengerDocs.conversation("CONV-1").build()); // not its DocType
            site.insert(FrappeStandIn.MESSAGE, MessengerDocs.message("M-1").build());
            assertThat(webhooks.awaitIdle(Duration.ofSeconds(10))).isTrue();

            assertThat(received).hasSize(2).extracting(r -> r.split(" ")[0])
                    .containsExactlyInAnyOrder("/webhooks/frappe/after_insert", "/webhooks/frappe/on_update");
            assertThat(webhooks.attempts()).extracting(FrappeWebhooks.Attempt::status).containsOnly(200);
            assertThat(webhooks.givenUp()).isEmpty();
        }
    }

    @Test
    void aFailingDeliveryIsTriedThreeTimesSleepingOneThenFourSecondsAndThenGivenUp() throws Exception {
        URI base = receiver(503);
        try (FrappeWebhooks webhooks = FrappeWebhooks.builder().secret("s3cret").target(base).build()) {
            FrappeWebhooks.Delivery d = webhooks.prepare("on_update", Map.of("name", "M-1"));

            assertThat(webhooks.send(d).get(30, TimeUnit.SECONDS)).isEqualTo(503);
            assertThat(webhooks.awaitIdle(Duration.ofSeconds(1))).isTrue();
            assertThat(received).hasSize(3);
            assertThat(webhooks.attempts()).extracting(FrappeWebhooks.Attempt::tryNumber).containsExactly(1, 2, 3);
            assertThat(webhooks.attempts()).extracting(FrappeWebhooks.Attempt::sleptBefore)
                    .containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(4));
            assertThat(webhooks.givenUp()).containsExactly(d);
        }
    }

    @Test
    void aTryWithoutAnAnswerWithinTheTimeoutFailsAndTheJobGivesUpAfterThree() throws Exception {
        URI base = receiver(0);
        try (FrappeWebhooks webhooks = FrappeWebhooks.builder().target(base).timeout(Duration.ofMillis(200))
                .sleeps(Duration.ZERO, Duration.ZERO).build()) {
            FrappeWebhooks.Delivery d = webhooks.prepare("after_insert", Map.of("name", "M-2"));

            assertThat(webhooks.send(d).get(30, TimeUnit.SECONDS)).isEqualTo(FrappeWebhooks.TIMED_OUT);
            assertThat(webhooks.attempts()).extracting(FrappeWebhooks.Attempt::status)
                    .containsExactly(FrappeWebhooks.TIMED_OUT, FrappeWebhooks.TIMED_OUT, FrappeWebhooks.TIMED_OUT);
            assertThat(webhooks.givenUp()).containsExactly(d);
            assertThat(d.signature()).as("no secret, no signature").isNull();
        }
    }

    @Test
    void frappesDefaultsAreAFiveSecondTimeoutAndSleepsOfOneThenFourSeconds() {
        assertThat(FrappeWebhooks.TIMEOUT).isEqualTo(Duration.ofSeconds(5));
        assertThat(FrappeWebhooks.SLEEPS).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(4));
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = FrappeWebhooksTest.class.getResourceAsStream("/fixtures/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void theBuilderRefusesABadValueAtOnceAndTakesTheSecretAndTargetOnce() {
        FrappeWebhooks.Builder builder = FrappeWebhooks.builder();
        assertThatThrownBy(() -> builder.secret(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secret");
        assertThatThrownBy(() -> builder.target(URI.create("http://127.0.0.1:8000/webhooks")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'/'");
        assertThatThrownBy(() -> builder.timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.sleeps(Duration.ZERO, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        builder.secret("s1").target(URI.create("http://127.0.0.1:8000/webhooks/"));
        assertThatThrownBy(() -> builder.secret("s2")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> builder.router(d -> URI.create("http://127.0.0.1:9000/")))
                .isInstanceOf(IllegalStateException.class);
        try (FrappeWebhooks webhooks = builder.build()) {
            FrappeWebhooks.Delivery d = webhooks.prepare("after_insert", MessengerDocs.message("M-1").build());
            assertThat(d.signature()).isNotEmpty();
        }
    }
}
