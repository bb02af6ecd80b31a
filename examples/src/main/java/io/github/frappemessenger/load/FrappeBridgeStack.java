package io.github.frappemessenger.load;

import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.frappe.site.FrappeSite;
import io.github.frappemessenger.frappe.webhook.MessengerWebhookHooks;
import io.github.frappemessenger.frappe.webhook.WebhookServer;
import io.github.frappemessenger.port.RealtimePublisher;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import redis.clients.jedis.RedisClient;

/**
 * The bridge as {@code MessengerBridge} wires it — {@link FrappeSite} over a {@link FrappeClient}, find-or-create
 * locked in Redis — against {@link InMemoryFrappe} instead of a real site, so every REST call is a real HTTP round
 * trip on loopback and is counted. Thread-safe.
 */
final class FrappeBridgeStack implements BridgeStack {
    private final InMemoryFrappe frappe;
    private final RedisClient redis;
    private final WebhookServer server;

    private FrappeBridgeStack(InMemoryFrappe frappe, RedisClient redis, WebhookServer server) {
        this.frappe = frappe;
        this.redis = redis;
        this.server = server;
    }

    /** {@code siteName} also names the Redis lock keys, so that runs never contend with each other. */
    static FrappeBridgeStack start(RealtimePublisher publisher, String secret, RedisAddress redisAddress,
            String siteName) throws IOException {
        InMemoryFrappe frappe = new InMemoryFrappe();
        RedisClient redis = RedisClient.create(redisAddress.host(), redisAddress.port());
        try {
            FrappeClient client = FrappeClient.builder().baseUrl(frappe.url()).apiKey("load-key")
                    .apiSecret("load-secret").build();
            FrappeSite site = FrappeSite.builder(client, siteName).redis(redis).build();
            WebhookServer server = BridgeStack.serve(
                    MessengerWebhookHooks.docEvents(site.lifecycle(publisher), site.messages()), secret);
            return new FrappeBridgeStack(frappe, redis, server);
        } catch (IOException | RuntimeException e) {
            redis.close();
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
        return BridgeStack.webhooksOf(server);
    }

    @Override
    public void frappeSaved(Map<String, Object> doc) {
        frappe.saveMessage(doc);
    }

    @Override
    public Map<String, Long> restRequestsByRoute() {
        return frappe.requestsByRoute();
    }

    @Override
    public int conversations() {
        return frappe.conversationCount();
    }

    @Override
    public void close() {
        server.close();
        redis.close();
        frappe.close();
    }
}
