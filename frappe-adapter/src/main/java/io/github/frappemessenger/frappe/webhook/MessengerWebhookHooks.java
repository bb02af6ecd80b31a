package io.github.frappemessenger.frappe.webhook;

import io.github.frappemessenger.frappe.site.ProviderMessageIds;
import io.github.frappemessenger.hooks.DocEvent;
import io.github.frappemessenger.hooks.DocEvents;
import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.lifecycle.MessengerValidationException;
import io.github.frappemessenger.lifecycle.UpdateOutcome;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.MessageStore;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * Frappe fires after_insert then on_update for one insert, both with the doc as inserted (no conversation): the
 * second to arrive reuses the link the first made ({@link LinkedConversations}), so validate and the link write run
 * once per message (with the Frappe-backed stores, a known sender's message costs three REST round trips in all:
 * docs/frappe-ports.md). Delivered at once, or to two processes, both may link; they still end with the same single
 * conversation because finding-or-creating it is atomic in the stores.
 *
 * <p>A failed {@code onUpdate} outcome is thrown as {@link UpdateFailedException}, which the {@link WebhookHandler}
 * answers with 503 so that Frappe retries; a {@code MessengerValidationException} from validate becomes 422 and a
 * badly typed field ({@link IllegalArgumentException}) 400.
 *
 * <p>Writing the link back makes Frappe save the message and call on_update once more, with only {@code modified}
 * changed; {@link EmittedStates} recognises that state and emits nothing for it, so each state of a message is
 * announced once.
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

    /** Adds the messenger's webhook handlers to a registry being built. */
    public static DocEvents.Builder register(DocEvents.Builder registry, MessengerLifecycle lifecycle,
            MessageStore messageStore) {
        return register(registry, lifecycle, messageStore, ProviderMessageIds.inJvm(REMEMBERED_STATES));
    }

    /** As {@link #register(DocEvents.Builder, MessengerLifecycle, MessageStore)}, with shared provider-id claims. */
    public static DocEvents.Builder register(DocEvents.Builder registry, MessengerLifecycle lifecycle,
            MessageStore messageStore, ProviderMessageIds providerIds) {
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(messageStore, "messageStore");
        Objects.requireNonNull(providerIds, "providerIds");
        EmittedStates emitted = new EmittedStates(REMEMBERED_STATES);
        Linker linker = new Linker(lifecycle, messageStore, new LinkedConversations(REMEMBERED_STATES));
        return registry
                .on(MessengerMessage.DOCTYPE, DocEvent.AFTER_INSERT, doc -> afterInsert(linker, providerIds, doc))
                .on(MessengerMessage.DOCTYPE, DocEvent.ON_UPDATE,
                        doc -> onUpdate(lifecycle, linker, emitted, providerIds, doc))
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

    private static Map<String, Object> afterInsert(Linker linker, ProviderMessageIds ids, Map<String, Object> doc) {
        MessengerMessage message = MessengerMessage.fromDoc(doc);
        if (!isBlank(message.conversation()) || isRetry(ids, message)) {
            return doc;
        }
        return linker.link(message).toDoc();
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
                    + "acknowledged, not linked, nothing emitted", message.name(), holder, message.platform());
        }
        return true;
    }

    private static Map<String, Object> onUpdate(MessengerLifecycle lifecycle, Linker linker, EmittedStates emitted,
            ProviderMessageIds ids, Map<String, Object> doc) {
        MessengerMessage message = MessengerMessage.fromDoc(doc);
        if (isBlank(message.conversation()) && isRetry(ids, message)) {
            return doc;
        }
        if (isBlank(message.conversation())) {
            message = linker.link(message);
        }
        String state = EmittedStates.fingerprint(message);
        if (emitted.alreadyEmitted(message.name(), state)) {
            // The save that wrote our own conversation link back: its events went out already.
            return message.toDoc();
        }
        UpdateOutcome outcome = lifecycle.onUpdate(message);
        if (outcome.failed()) {
            throw new UpdateFailedException(message.name(), outcome.failure().orElseThrow());
        }
        emitted.emitted(message.name(), state);
        return message.toDoc();
    }

    /**
     * What validate would have done before the write, done after it: the conversation found or created, its last
     * message moved, and the link written to the stored message — unless this process linked the message already.
     * With Messenger Settings disabled validate links nothing, and nothing is written.
     */
    private record Linker(MessengerLifecycle lifecycle, MessageStore store, LinkedConversations linked) {
        MessengerMessage link(MessengerMessage message) {
            if (isBlank(message.name())) {
                throw new IllegalArgumentException("Messenger Message doc has no name");
            }
            Optional<MessengerMessage> known = linked.relink(message);
            if (known.isPresent()) {
                return known.get();
            }
            try {
                MessengerMessage validated = lifecycle.validate(message);
                if (!isBlank(validated.conversation())) {
                    store.linkConversation(validated.name(), validated.conversation());
                    linked.linked(validated);
                }
                return validated;
            } catch (MessengerValidationException | IllegalArgumentException refused) {
                throw refused; // the doc itself is wrong: 422/400, nothing for the error log
            } catch (RuntimeException failure) {
                // The message is written already, so this is an update that failed (Frappe or Redis away): the error
                // log gets it as on_update's failures, and the webhook's 503 makes Frappe retry.
                lifecycle.reportUpdateError(message, failure);
                throw failure;
            }
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
