package io.github.frappemessenger.load;

import io.github.frappemessenger.frappe.webhook.WebhookHandler;
import io.github.frappemessenger.frappe.webhook.WebhookServer;
import io.github.frappemessenger.hooks.DocEvents;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A webhook bridge listening on loopback ({@link WebhookServer}, {@link WebhookHandler}, the messenger's webhook
 * hooks) with the stores behind it, driven as one unit by {@link WebhookLoad}.
 */
interface BridgeStack extends AutoCloseable {

    /** What the table calls it, e.g. "bridge, embedded stores". */
    String name();

    /** {@code http://127.0.0.1:<port>/webhooks/frappe/}; the doc event's name follows. */
    URI webhooks();

    /** What Frappe does before it fires the webhooks of a new message: writes it. Returns the doc as saved. */
    Map<String, Object> frappeSaved(Map<String, Object> doc);

    /**
     * The site's own later save of a message (an agent reads it in the desk): the doc as saved, its link kept; empty
     * for a stack without a site.
     */
    default Optional<Map<String, Object>> frappeUpdated(String messageName, Map<String, Object> changes) {
        return Optional.empty();
    }

    /** REST requests the bridge made, by route; empty for a bridge that calls no Frappe. */
    Map<String, Long> restRequestsByRoute();

    /** Conversations in the store now. */
    int conversations();

    @Override
    void close();

    /** Serves {@code docEvents} on a free loopback port, checking signatures made with {@code secret}. */
    static WebhookServer serve(DocEvents docEvents, String secret) throws IOException {
        WebhookHandler handler = WebhookHandler.builder().docEvents(docEvents).secret(secret).build();
        return WebhookServer.builder(handler).build().start("127.0.0.1", 0);
    }

    static URI webhooksOf(WebhookServer server) {
        return URI.create("http://127.0.0.1:" + server.port() + WebhookHandler.WEBHOOK_PREFIX);
    }
}
