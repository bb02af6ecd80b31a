package io.github.frappemessenger.frappe.webhook;

import io.github.frappemessenger.frappe.internal.once.AnnounceFailedException;
import io.github.frappemessenger.frappe.internal.once.MessageStates;
import io.github.frappemessenger.frappe.internal.once.OncePerState.Outcome;
import io.github.frappemessenger.frappe.internal.once.OncePerState;
import io.github.frappemessenger.frappe.internal.site.ProviderMessageIds;
import io.github.frappemessenger.frappe.internal.webhook.UpdateFailedException;
import io.github.frappemessenger.hooks.DocEvent;
import io.github.frappemessenger.hooks.DocEvents;
import io.github.frappemessenger.internal.LogSafe;
import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.lifecycle.UpdateOutcome;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.MessageStore;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's {@code doc_events} for the messenger, for a site that calls us by webhook:
 * <pre>
 * "Messenger Message":      {"after_insert": [link to conversation],
 *                            "on_update":    [link to conversation if missing, then on_update]},
 * "Messenger Conversation": {"on_update":    [on_conversation_update]}
 * </pre>
 * A webhook fires after the write and there is no validate webhook (docs/protocol.md §4), so the work of
 * {@code validate} — finding or creating the conversation and moving its last message — runs here for a message
 * that has no conversation yet, and {@link MessageStore#linkConversation} writes the link back to the stored doc.
 * Both Messenger Message handlers go through {@link OncePerState}: each state (name + {@code modified}) is linked at
 * most once and announced once, however often and to whichever bridge process it is delivered, and a replay of an
 * older state than the newest processed changes nothing. With
 * {@link io.github.frappemessenger.frappe.internal.once.RedisMessageStates} that holds across the processes of a site; with
 * {@link #docEvents(MessengerLifecycle, MessageStore)}, within one.
 *
 * <p>A failed {@code onUpdate} outcome is thrown as {@link UpdateFailedException}, a transient failure: with a
 * journal ({@link DurableDeliveries}) the bridge keeps the delivery and retries it (Frappe gets 202), without one the
 * {@link WebhookHandler} answers 503 and Frappe retries; a {@code MessengerValidationException} from validate becomes
 * 422 and a badly typed field ({@link IllegalArgumentException}) 400.
 *
 * <p>A message the site does not have is thrown as {@link DocGoneException} (200 {@code "gone": true}); a message
 * another request holds as {@code MessageBusyException} (409).
 *
 * <p><b>Provider retries.</b> A message whose (platform, {@code message_id}) another message claimed first
 * ({@link ProviderMessageIds}) is acknowledged and left alone: not linked, nothing emitted, logged once.
 *
 * <p><b>Conversations.</b> A save of a Messenger Conversation runs
 * {@link MessengerLifecycle#onConversationUpdate}: block_status_update and conversation_status_update when
 * {@code block_chat} or {@code status} changed (every other save, e.g. our own last-message writes, emits nothing).
 *
 * <p>The registry it builds is thread-safe when the lifecycle and the store are.
 */
public final class MessengerWebhookHooks {
    private static final int REMEMBERED_STATES = 10_000;
    private static final Logger log = LoggerFactory.getLogger(MessengerWebhookHooks.class);

    private MessengerWebhookHooks() {
    }

    /** Adds the messenger's webhook handlers to a registry being built, remembering states in this JVM only. */
    public static DocEvents.Builder register(DocEvents.Builder registry, MessengerLifecycle lifecycle,
            MessageStore messageStore) {
        return register(registry, lifecycle, messageStore, ProviderMessageIds.inJvm(REMEMBERED_STATES));
    }

    /** As {@link #register(DocEvents.Builder, MessengerLifecycle, MessageStore)}, with shared provider-id claims. */
    public static DocEvents.Builder register(DocEvents.Builder registry, MessengerLifecycle lifecycle,
            MessageStore messageStore, ProviderMessageIds providerIds) {
        return register(registry, lifecycle, new OncePerState(lifecycle, messageStore,
                MessageStates.inJvm(REMEMBERED_STATES), null), providerIds);
    }

    /** Adds the handlers, each Messenger Message state going through {@code once} (e.g. shared in Redis). */
    public static DocEvents.Builder register(DocEvents.Builder registry, MessengerLifecycle lifecycle,
            OncePerState once, ProviderMessageIds providerIds) {
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(once, "once");
        Objects.requireNonNull(providerIds, "providerIds");
        return registry
                .on(MessengerMessage.DOCTYPE, DocEvent.AFTER_INSERT, doc -> afterInsert(once, providerIds, doc))
                .on(MessengerMessage.DOCTYPE, DocEvent.ON_UPDATE, doc -> onUpdate(once, providerIds, doc))
                .on(MessengerConversation.DOCTYPE, DocEvent.ON_UPDATE, doc -> onConversationUpdate(lifecycle, doc));
    }

    /** The registry for a {@link WebhookHandler}: Messenger Message and Messenger Conversation. */
    public static DocEvents docEvents(MessengerLifecycle lifecycle, MessageStore messageStore) {
        return register(DocEvents.builder(), lifecycle, messageStore).build();
    }

    /** As {@link #docEvents(MessengerLifecycle, MessageStore)}, with provider-id claims shared by processes. */
    public static DocEvents docEvents(MessengerLifecycle lifecycle, MessageStore messageStore,
            ProviderMessageIds providerIds) {
        return register(DocEvents.builder(), lifecycle, messageStore, providerIds).build();
    }

    /** The bridge's registry: states through {@code once}, provider-id claims through {@code providerIds}. */
    public static DocEvents docEvents(MessengerLifecycle lifecycle, OncePerState once,
            ProviderMessageIds providerIds) {
        return register(DocEvents.builder(), lifecycle, once, providerIds).build();
    }

    private static Map<String, Object> afterInsert(OncePerState once, ProviderMessageIds ids,
            Map<String, Object> doc) {
        MessengerMessage message = MessengerMessage.fromDoc(doc);
        if (!isBlank(message.conversation()) || isRetry(ids, message)) {
            return doc;
        }
        gone(once.afterInsert(message), message);
        return doc;
    }

    private static Map<String, Object> onUpdate(OncePerState once, ProviderMessageIds ids, Map<String, Object> doc) {
        MessengerMessage message = MessengerMessage.fromDoc(doc);
        if (isBlank(message.conversation()) && isRetry(ids, message)) {
            return doc;
        }
        try {
            gone(once.onUpdate(message), message);
        } catch (AnnounceFailedException e) {
            throw new UpdateFailedException(e.messageName(), (RuntimeException) e.getCause());
        }
        return doc;
    }

    /**
     * True for an unlinked message that repeats another message's (platform, message_id): a provider's retry, which
     * the webhooks acknowledge and leave alone; the catch-up sweep passes over it the same way.
     */
    public static Predicate<MessengerMessage> providerRetry(ProviderMessageIds providerIds) {
        Objects.requireNonNull(providerIds, "providerIds");
        return message -> isBlank(message.conversation()) && isRetry(providerIds, message);
    }

    private static void gone(Outcome outcome, MessengerMessage message) {
        if (outcome == Outcome.GONE) {
            throw new DocGoneException(MessengerMessage.DOCTYPE, message.name());
        }
    }

    private static Map<String, Object> onConversationUpdate(MessengerLifecycle lifecycle, Map<String, Object> doc) {
        MessengerConversation conversation = MessengerConversation.fromDoc(doc);
        UpdateOutcome outcome = lifecycle.onConversationUpdate(conversation);
        if (outcome.failed()) {
            throw new UpdateFailedException(MessengerLifecycle.CONVERSATION_UPDATE_ERROR_TITLE,
                    MessengerConversation.DOCTYPE, conversation.name(), outcome.failure().orElseThrow());
        }
        return doc;
    }

    /**
     * A provider's retry: another message claimed this (platform, message_id) first. Logged once; the caller
     * acknowledges it and does nothing else. Only unlinked messages are checked: a linked one was claimed already.
     */
    private static boolean isRetry(ProviderMessageIds ids, MessengerMessage message) {
        if (isBlank(message.messageId()) || isBlank(message.platform()) || isBlank(message.name())) {
            return false;
        }
        String holder = ids.claim(message.platform(), message.messageId(), message.name());
        if (holder.equals(message.name())) {
            return false;
        }
        if (ids.firstReport(message.name())) {
            log.info("Messenger Message {} repeats the provider message id of {} on {} (a provider retry): "
                    + "acknowledged, not linked, nothing emitted", LogSafe.of(message.name()), LogSafe.of(holder),
                    LogSafe.of(message.platform()));
        }
        return true;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
