package io.github.frappemessenger.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.frappemessenger.frappe.webhook.WebhookSignature;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Frappe's webhook job, as the harness plays it: 3 tries, sleeps of 1 s and 4 s, then nothing more. */
class FrappeWebhooksTest {
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final List<String> signatures = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private URI serve(int status) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            arrivals.add(System.nanoTime());
            signatures.add(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/frappe/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aFailingDeliveryIsTriedThreeTimesOneThenFourSecondsApartAndThenGivenUp() throws Exception {
        URI base = serve(503);
        try (FrappeWebhooks webhooks = new FrappeWebhooks("s3cret", d -> base)) {
            FrappeWebhooks.Delivery d = webhooks.prepare("on_update", Map.of("name", "M-1"));
            assertEquals(503, webhooks.send(d).get(30, TimeUnit.SECONDS));
            assertTrue(webhooks.awaitIdle(Duration.ofSeconds(1)));

            assertEquals(3, arrivals.size());
            long first = TimeUnit.NANOSECONDS.toMillis(arrivals.get(1) - arrivals.get(0));
            long second = TimeUnit.NANOSECONDS.toMillis(arrivals.get(2) - arrivals.get(1));
            assertTrue(first >= 1_000 && first < 3_000, "first sleep " + first + " ms");
            assertTrue(second >= 4_000 && second < 6_000, "second sleep " + second + " ms");
            assertEquals(List.of(d), webhooks.givenUp());
            assertEquals(List.of(1, 2, 3), webhooks.attempts().stream().map(FrappeWebhooks.Attempt::tryNumber).toList());
            assertTrue(WebhookSignature.withSecret("s3cret").verify(d.body(), signatures.get(0)));
        }
    }

    @Test
    void anAnsweredDeliveryIsTriedOnce() throws Exception {
        URI base = serve(200);
        try (FrappeWebhooks webhooks = new FrappeWebhooks("s3cret", d -> base)) {
            assertEquals(200, webhooks.send(webhooks.prepare("after_insert", Map.of("name", "M-2")))
                    .get(10, TimeUnit.SECONDS));
            assertEquals(1, arrivals.size());
            assertTrue(webhooks.givenUp().isEmpty());
        }
    }
}
