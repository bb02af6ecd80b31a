package io.github.frappemessenger.frappe.once;

import io.github.frappemessenger.frappe.once.MessageRecord.Link;
import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.lifecycle.MessengerValidationException;
import io.github.frappemessenger.lifecycle.UpdateOutcome;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.MessageStore;
import java.util.Objects;
import java.util.Optional;

/**
 * The once-per-state rule for Messenger Messages, applied to whatever reports a state — a webhook delivery (to any
 * bridge process, any number of times) or a row the catch-up sweep read. A state is the message's {@code name} and
 * {@code modified}. Holding the message's lease ({@link MessageStates#exclusively}):
 * <ol>
 *   <li>a state not newer than the newest one processed for the message is a repeat or an old replay: nothing
 *   happens ({@link Outcome#DONE_BEFORE});</li>
 *   <li>a message without {@code conversation} is linked at most once: the link recorded before is reused; else the
 *   site's current doc is read (when a {@link MessageLookup} is given) — absent means {@link Outcome#GONE} and nothing
 *   is changed, a conversation already there is reused — else validate finds or creates the conversation, moves its
 *   last message, and the link is written back and recorded;</li>
 *   <li>a state whose content ({@link StateFingerprint}) is the one announced last — the save our own link write
 *   caused — is recorded as processed without announcing ({@link Outcome#UNCHANGED});</li>
 *   <li>otherwise the state is recorded as announced and then announced with {@code onUpdate}; if that fails the
 *   record is put back and {@link AnnounceFailedException} thrown, so that a retry or the sweep announces it.</li>
 * </ol>
 * Recording before announcing means a crash between the two loses that announcement rather than doubling it.
 * Thread-safe when its parts are.
 */
public final class OncePerState {
    /** What became of one reported state. */
    public enum Outcome {
        /** after_insert: the message was linked to its conversation (or found linked already). */
        LINKED,
        /** The state's events were emitted (none, when Messenger Settings are disabled). */
        ANNOUNCED,
        /** Same content as the state announced last (our own link write-back): recorded, nothing emitted. */
        UNCHANGED,
        /** This state or a newer one of the message was processed before. */
        DONE_BEFORE,
        /** The site does not have the message: nothing was changed. */
        GONE
    }

    private final MessengerLifecycle lifecycle;
    private final MessageStore store;
    private final MessageStates states;
    private final MessageLookup lookup;

    /**
     * @param lookup the site's current doc, read before linking (one REST call per new message) so that a message the
     *               site does not have changes nothing; null to trust every delivery (in-memory stores, tests)
     */
    public OncePerState(MessengerLifecycle lifecycle, MessageStore store, MessageStates states, MessageLookup lookup) {
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.store = Objects.requireNonNull(store, "store");
        this.states = Objects.requireNonNull(states, "states");
        this.lookup = lookup;
    }

    /** after_insert: links the message if it has no conversation; announces nothing. */
    public Outcome afterInsert(MessengerMessage message) {
        String name = requireName(message);
        String modified = modified(message);
        return states.exclusively(name, () -> {
            MessageRecord record = states.read(name);
            if (record.alreadyPast(modified) || !isBlank(message.conversation())
                    || (record.link() != null && record.link().fits(message))) {
                return record.alreadyPast(modified) ? Outcome.DONE_BEFORE : Outcome.LINKED;
            }
            return link(message, record, lookup) == null ? Outcome.GONE : Outcome.LINKED;
        });
    }

    /** on_update: links the message if it has no conversation, then announces the state once. */
    public Outcome onUpdate(MessengerMessage message) {
        return announce(message, lookup);
    }

    /** A row the catch-up sweep just read from the site: as on_update, without reading the doc again. */
    public Outcome catchUp(MessengerMessage row) {
        return announce(row, null);
    }

    private Outcome announce(MessengerMessage reported, MessageLookup existence) {
        String name = requireName(reported);
        String modified = modified(reported);
        return states.exclusively(name, () -> {
            MessageRecord record = states.read(name);
            if (record.alreadyPast(modified)) {
                return Outcome.DONE_BEFORE;
            }
            MessengerMessage message = reported;
            if (isBlank(message.conversation())) {
                Linked linked = link(message, record, existence);
                if (linked == null) {
                    return Outcome.GONE;
                }
                message = linked.message();
                record = linked.record();
            } else if (record.link() != null && record.link().conversation().equals(message.conversation())
                    && record.link().fits(message)) {
                message = record.link().applyTo(message); // the timestamp validate gave it, which Frappe does not keep
            }
            String fingerprint = StateFingerprint.of(message);
            if (fingerprint.equals(record.fingerprint())) {
                states.write(name, record.withNewest(modified));
                return Outcome.UNCHANGED;
            }
            states.write(name, record.withNewest(modified).withFingerprint(fingerprint));
            UpdateOutcome outcome = lifecycle.onUpdate(message);
            if (outcome.failed()) {
                states.write(name, record);
                throw new AnnounceFailedException(name, outcome.failure().orElseThrow());
            }
            return Outcome.ANNOUNCED;
        });
    }

    private record Linked(MessengerMessage message, MessageRecord record) {
    }

    /** The message with its conversation, linked at most once; null when the site does not have it. */
    private Linked link(MessengerMessage message, MessageRecord record, MessageLookup existence) {
        String name = message.name();
        if (record.link() != null && record.link().fits(message)) {
            return new Linked(record.link().applyTo(message), record);
        }
        try {
            if (existence != null) {
                Optional<MessengerMessage> current = existence.find(name);
                if (current.isEmpty()) {
                    return null;
                }
                if (!isBlank(current.get().conversation())) {
                    MessengerMessage linked = message.withConversation(current.get().conversation());
                    MessageRecord known = record.withLink(Link.of(linked));
                    states.write(name, known);
                    return new Linked(linked, known);
                }
            }
            MessengerMessage validated = lifecycle.validate(message);
            if (isBlank(validated.conversation())) {
                return new Linked(validated, record); // Messenger Settings disabled: validate links nothing
            }
            store.linkConversation(name, validated.conversation());
            MessageRecord linked = record.withLink(Link.of(validated));
            states.write(name, linked);
            return new Linked(validated, linked);
        } catch (MessengerValidationException | IllegalArgumentException refused) {
            throw refused; // the doc itself is wrong: nothing for the error log
        } catch (MessageBusyException busy) {
            throw busy;
        } catch (RuntimeException failure) {
            // The message is written already, so this is an update that failed (Frappe or Redis away): the error
            // log gets it as on_update's failures do; a retry or the catch-up sweep links it later.
            lifecycle.reportUpdateError(message, failure);
            throw failure;
        }
    }

    private static String requireName(MessengerMessage message) {
        if (isBlank(message.name())) {
            throw new IllegalArgumentException("Messenger Message doc has no name");
        }
        return message.name();
    }

    /** The state's {@code modified}, kept by the record among the doc's other fields; null if the doc has none. */
    private static String modified(MessengerMessage message) {
        Object value = message.extra().get("modified");
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
