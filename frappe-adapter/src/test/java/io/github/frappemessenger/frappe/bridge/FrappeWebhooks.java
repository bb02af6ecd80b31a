package io.github.frappemessenger.frappe.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.frappe.site.FrappeStandIn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Frappe's Webhook sender, for the stand-in's Messenger Message doc events: each event's doc as JSON (as
 * {@code {{ doc | json }}} renders it, doctype included), signed with the webhook secret, POSTed to
 * {@code <bridge>/webhooks/frappe/<event>} of every bridge given (each its own delivery), in the background; up to 3
 * tries, each with a 5 s timeout, sleeping {@code firstSleep} and {@code secondSleep} between them (Frappe: 1 s and
 * 4 s), then given up for good. Thread-safe.
 */
final class FrappeWebhooks implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String secret;
    private final List<URI> bridges;
    private final Duration[] sleeps;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService pool = Executors.newFixedThreadPool(16);
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger answered2xx = new AtomicInteger();
    private final AtomicInteger givenUp = new AtomicInteger();
    private final AtomicInteger gone = new AtomicInteger();

    FrappeWebhooks(FrappeStandIn frappe, String secret, List<URI> bridges, Duration firstSleep, Duration secondSleep) {
        this.secret = secret;
        this.bridges = List.copyOf(bridges);
        this.sleeps = new Duration[] {firstSleep, secondSleep};
        frappe.onDocEvent((event, doc) -> {
            if ("Messenger Message".equals(doc.get("doctype"))) {
                for (URI bridge : this.bridges) {
                    send(bridge.resolve("/webhooks/frappe/" + event), doc);
                }
            }
        });
    }

    private void send(URI url, Map<String, Object> doc) {
        byte[] body = json(doc).getBytes(StandardCharsets.UTF_8);
        pending.incrementAndGet();
        pool.execute(() -> {
            try {
                for (int attempt = 0; attempt < 3; attempt++) {
                    if (attempt > 0) {
                        Thread.sleep(sleeps[attempt - 1].toMillis());
                    }
                    if (tryOnce(url, body)) {
                        answered2xx.incrementAndGet();
                        return;
                    }
                }
                givenUp.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                pending.decrementAndGet();
            }
        });
    }

    private boolean tryOnce(URI url, byte[] body) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                    .header("X-Frappe-Webhook-Signature", sign(body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.body().contains("\"gone\":true") || response.body().contains("\"gone\": true")) {
                gone.incrementAndGet();
            }
            return response.statusCode() / 100 == 2;
        } catch (java.io.IOException e) {
            return false; // refused, reset or timed out: a failed try, as Frappe logs it
        }
    }

    /** Deliveries not yet answered 2xx nor given up. */
    int pending() {
        return pending.get();
    }

    int answered2xx() {
        return answered2xx.get();
    }

    int givenUp() {
        return givenUp.get();
    }

    int gone() {
        return gone.get();
    }

    /** Waits until every delivery so far was answered or given up. */
    void awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(pending.get() + " webhook deliveries still pending after " + timeout);
            }
            Thread.sleep(20);
        }
    }

    private String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Map<String, Object> doc) {
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}
