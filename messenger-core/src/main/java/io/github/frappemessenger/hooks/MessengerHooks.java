package io.github.frappemessenger.hooks;

import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import java.util.Map;

/**
 * Frappe CRM's {@code doc_events} for the messenger, in our words:
 * <pre>
 * "Messenger Message":      {"validate": [messenger.validate], "on_update": [messenger.on_update]},
 * "Messenger Conversation": {"on_update": [messenger.on_conversation_update]}
 * </pre>
 */
public final class MessengerHooks {
    private MessengerHooks() {
    }

    /** Adds the messenger's handlers to a registry being built. */
    public static DocEvents.Builder register(DocEvents.Builder registry, MessengerLifecycle lifecycle) {
        return registry
                .on(MessengerMessage.DOCTYPE, DocEvent.VALIDATE, doc -> validate(lifecycle, doc))
                .on(MessengerMessage.DOCTYPE, DocEvent.ON_UPDATE, doc -> onUpdate(lifecycle, doc))
                .on(MessengerConversation.DOCTYPE, DocEvent.ON_UPDATE, doc -> onConversationUpdate(lifecycle, doc));
    }

    public static DocEvents docEvents(MessengerLifecycle lifecycle) {
        return register(DocEvents.builder(), lifecycle).build();
    }

    private static Map<String, Object> validate(MessengerLifecycle lifecycle, Map<String, Object> doc) {
        return lifecycle.validate(MessengerMessage.fromDoc(doc)).toDoc();
    }

    private static Map<String, Object> onUpdate(MessengerLifecycle lifecycle, Map<String, Object> doc) {
        lifecycle.onUpdate(MessengerMessage.fromDoc(doc));
        return doc;
    }

    private static Map<String, Object> onConversationUpdate(MessengerLifecycle lifecycle, Map<String, Object> doc) {
        lifecycle.onConversationUpdate(MessengerConversation.fromDoc(doc));
        return doc;
    }
}
