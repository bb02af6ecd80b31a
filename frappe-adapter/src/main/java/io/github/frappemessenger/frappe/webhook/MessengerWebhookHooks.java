package io.github.frappemessenger.frappe.webhook;

import io.github.frappemessenger.hooks.DocEvent;
import io.github.frappemessenger.hooks.DocEvents;
import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.lifecycle.MessengerValidationException;
import io.github.frappemessenger.lifecycle.UpdateOutcome;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.MessageStore;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The bridge's {@code doc_events} for the messenger, for a site that calls us by webhook:
 * <pre>
 * "Messenger Message": {"after_insert": [link to conversation],
 *                       "on_update":    [link to conversation if missing, then on_update]}
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
 * <p>The registry it builds is thread-safe when the lifecycle and the store are.
 */
public final class MessengerWebhookHooks {
    private static final int REMEMBERED_STATES = 10_000;

    private MessengerWebhookHooks() {
    }

    /** Adds the messenger's webhook handlers to a registry being built. */
    public static DocEvents.Builder register(DocEvents.Builder registry, MessengerLifecycle lifecycle,
            MessageStore messageStore) {
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(messageStore, "messageStore");
        EmittedStates emitted = new EmittedStates(REMEMBERED_STATES);
        Linker linker = new Linker(lifecycle, messageStore, new LinkedConversations(REMEMBERED_STATES));
        return registry
                .on(MessengerMessage.DOCTYPE, DocEvent.AFTER_INSERT, doc -> afterInsert(linker, doc))
                .on(MessengerMessage.DOCTYPE, DocEvent.ON_UPDATE, doc -> onUpdate(lifecycle, linker, emitted, doc));
    }

    /** The registry for a {@link WebhookHandler}: after_insert and on_update of Messenger Message. */
    public static DocEvents docEvents(MessengerLifecycle lifecycle, MessageStore messageStore) {
        return register(DocEvents.builder(), lifecycle, messageStore).build();
    }

    private static Map<String, Object> afterInsert(Linker linker, Map<String, Object> doc) {
        MessengerMessage message = MessengerMessage.fromDoc(doc);
        if (!isBlank(message.conversation())) {
            return doc;
        }
        return linker.link(message).toDoc();
    }

    private static Map<String, Object> onUpdate(MessengerLifecycle lifecycle, Linker linker, EmittedStates emitted,
            Map<String, Object> doc) {
        MessengerMessage message = MessengerMessage.fromDoc(doc);
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
