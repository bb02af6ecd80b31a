package io.github.frappemessenger.load;

import io.github.frappemessenger.frappe.bridge.BridgeConfig;
import io.github.frappemessenger.frappe.bridge.MessengerBridge;
import io.github.frappemessenger.frappe.webhook.WebhookHandler;
import io.github.frappemessenger.testing.FrappeStandIn;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;

/**
 * The bridge itself — {@link MessengerBridge} started from a {@link BridgeConfig}, exactly as the {@code bridge}
 * command starts it (its REST limits, Redis locks, Redis emitter on the channel {@code events} with the run's own
 * site as namespace) — against the kit's {@link FrappeStandIn} instead of a real site, so every REST call is a real HTTP
 * round trip on loopback and is counted. Thread-safe.
 */
final class FrappeBridgeStack implements BridgeStack {
    private final FrappeStandIn frappe;
    private final MessengerBridge bridge;

    private FrappeBridgeStack(FrappeStandIn frappe, MessengerBridge bridge) {
        this.frappe = frappe;
        this.bridge = bridge;
    }

    /** {@code siteName} also names the Redis lock keys and the events' namespace, so runs never meet. */
    static FrappeBridgeStack start(String secret, RedisAddress redis, String siteName) throws IOException {
        FrappeStandIn frappe = new FrappeStandIn().start();
        frappe.keepRequests(false); // counted by route only: a load run sends millions
        try {
            MessengerBridge bridge = MessengerBridge.start(BridgeConfig.fromEnvironment(Map.of(
                    "FRAPPE_URL", frappe.url().toString(), "FRAPPE_API_KEY", "load-key", "FRAPPE_API_SECRET", "load-secret",
                    "FRAPPE_SITE", siteName, "REDIS_URL", redis.url(), "WEBHOOK_SECRET", secret,
                    "BRIDGE_HOST", "127.0.0.1", "BRIDGE_PORT", "0",
                    "BRIDGE_JOURNAL_DIR", Files.createTempDirectory("load-bridge-journal-").toString())));
            return new FrappeBridgeStack(frappe, bridge);
        } catch (IOException | RuntimeException e) {
            frappe.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "bridge, Frappe stand-in";
    }

    @Override
    public URI webhooks() {
        return URI.create("http://127.0.0.1:" + bridge.port() + WebhookHandler.WEBHOOK_PREFIX);
    }

    @Override
    public Map<String, Object> frappeSaved(Map<String, Object> doc) {
        return frappe.insert(FrappeStandIn.MESSAGE, doc); // the site's own write: not a request of the bridge
    }

    @Override
    public Optional<Map<String, Object>> frappeUpdated(String messageName, Map<String, Object> changes) {
        return frappe.update(FrappeStandIn.MESSAGE, messageName, changes); // not a request of the bridge either
    }

    @Override
    public Map<String, Long> restRequestsByRoute() {
        return frappe.requestsByRoute();
    }

    @Override
    public int conversations() {
        return frappe.docs(FrappeStandIn.CONVERSATION).size();
    }

    @Override
    public void close() {
        bridge.close();
        frappe.close();
    }
}
