package io.github.frappemessenger.load;

import io.github.frappemessenger.embedded.EmbeddedMessenger;
import io.github.frappemessenger.frappe.webhook.MessengerWebhookHooks;
import io.github.frappemessenger.frappe.webhook.WebhookServer;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.RealtimePublisher;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * The bridge on {@link EmbeddedMessenger}'s in-memory stores: what the webhook path costs without any Frappe round
 * trip (HTTP, signature, JSON, lifecycle, the emitter's enqueue). Thread-safe.
 */
final class EmbeddedBridgeStack implements BridgeStack {
    private final EmbeddedMessenger messenger;
    private final WebhookServer server;

    private EmbeddedBridgeStack(EmbeddedMessenger messenger, WebhookServer server) {
        this.messenger = messenger;
        this.server = server;
    }

    static EmbeddedBridgeStack start(RealtimePublisher publisher, String secret) throws IOException {
        EmbeddedMessenger messenger = EmbeddedMessenger.builder().publisher(publisher).build();
        WebhookServer server = BridgeStack.serve(
                MessengerWebhookHooks.docEvents(messenger.lifecycle(), messenger.messages()), secret);
        return new EmbeddedBridgeStack(messenger, server);
    }

    @Override
    public String name() {
        return "bridge, embedded stores";
    }

    @Override
    public URI webhooks() {
        return BridgeStack.webhooksOf(server);
    }

    @Override
    public Map<String, Object> frappeSaved(Map<String, Object> doc) {
        messenger.messages().save(MessengerMessage.fromDoc(doc));
        return doc;
    }

    @Override
    public Map<String, Long> restRequestsByRoute() {
        return Map.of();
    }

    @Override
    public int conversations() {
        return messenger.conversations().size();
    }

    @Override
    public void close() {
        server.close();
    }
}
