package io.github.frappemessenger.load;

import io.github.frappemessenger.testing.FrappeWebhooks;
import io.github.frappemessenger.testing.MessengerDocs;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The new incoming Messenger Messages of a load run, each newer than the one before, and the webhook delivery a
 * Frappe site sends for one once it is saved: the doc as saved ({@code {{ doc | json }}}: no conversation yet, since
 * the webhook fires after the insert and before the bridge links it), as {@code json.dumps} bytes signed with the
 * webhook secret ({@link FrappeWebhooks#prepare}). Thread-safe.
 */
final class WebhookDocs {
    private static final LocalDateTime START = LocalDateTime.of(2026, 11, 20, 10, 0);

    private final FrappeWebhooks signer;
    private final String runId;
    private final AtomicLong sequence = new AtomicLong();

    WebhookDocs(String secret, String runId) {
        this.signer = FrappeWebhooks.builder().secret(secret).build(); // prepares only; WebhookLoad posts and times
        this.runId = runId;
    }

    /** A new incoming text message from {@code senderId} on Messenger, not yet saved. */
    Map<String, Object> incoming(String senderId) {
        long n = sequence.incrementAndGet();
        String stamp = MessengerDocs.stamp(START.plusNanos(n * 1_000_000L));
        return MessengerDocs.message("LOAD-" + runId + "-" + n).set("message_id", "m_" + runId + "_" + n)
                .text("Hello, is this still available? (" + n + ")").from(senderId).at(stamp).saved(stamp).build();
    }

    /** The delivery of {@code saved} (the doc as the site stored it); the same body goes to after_insert and on_update. */
    FrappeWebhooks.Delivery delivery(Map<String, Object> saved) {
        return signer.prepare("after_insert", saved);
    }
}
