package io.github.frappemessenger.frappe.bridge;

import io.github.frappemessenger.frappe.site.FrappeStandIn;
import io.github.frappemessenger.testing.FrappeWebhooks;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The stand-in site's Messenger Message webhooks, sent to every bridge given (each bridge its own Webhook, so its
 * own delivery) by the test kit's {@link FrappeWebhooks}: json.dumps bodies, signed, up to 3 tries with a 5 s timeout,
 * sleeping {@code firstSleep} and {@code secondSleep} between them (Frappe: 1 s and 4 s), then given up. Thread-safe.
 */
final class WebhooksToBridges implements AutoCloseable {
    private final List<FrappeWebhooks> perBridge;

    WebhooksToBridges(FrappeStandIn frappe, String secret, List<URI> bridges, Duration firstSleep,
            Duration secondSleep) {
        this.perBridge = bridges.stream().map(b -> FrappeWebhooks.builder().secret(secret)
                .target(b.resolve("/webhooks/frappe/")).sleeps(firstSleep, secondSleep).build()).toList();
        frappe.onDocEvent((event, doc) -> {
            if ("Messenger Message".equals(doc.get("doctype"))) {
                perBridge.forEach(w -> w.send(w.prepare(event, doc)));
            }
        });
    }

    /** Tries answered 2xx (or 3xx), over all bridges. */
    int answered2xx() {
        return (int) perBridge.stream().flatMap(w -> w.attempts().stream()).filter(FrappeWebhooks.Attempt::ok).count();
    }

    /** Deliveries Frappe gave up on after the third failed try. */
    int givenUp() {
        return perBridge.stream().mapToInt(w -> w.givenUp().size()).sum();
    }

    /** Waits until every delivery so far was answered or given up. */
    void awaitIdle(Duration timeout) throws InterruptedException {
        for (FrappeWebhooks w : perBridge) {
            if (!w.awaitIdle(timeout)) {
                throw new AssertionError("webhook deliveries still pending after " + timeout);
            }
        }
    }

    @Override
    public void close() {
        perBridge.forEach(FrappeWebhooks::close);
    }
}
