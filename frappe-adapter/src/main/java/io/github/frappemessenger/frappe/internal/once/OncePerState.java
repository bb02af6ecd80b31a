package io.github.frappemessenger.frappe.internal.once;

import io.github.frappemessenger.frappe.internal.once.MessageRecord.Link;
import io.github.frappemessenger.frappe.internal.once.Unconfirmed.Pending;
import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.lifecycle.MessengerValidationException;
import io.github.frappemessenger.lifecycle.UpdateOutcome;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.MessageStore;
import java.time.Duration;
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
 *   last message, and the link is written back and recorded. With a {@link MessageLinker} (the bridge's
 *   {@link SiteLinker}) the link and the last message go in one write, which also tells a message the site does not
 *   have ({@link Outcome#GONE}), so the bridge gives no lookup;</li>
 *   <li>a state whose content ({@link StateFingerprint}) is the one announced last — the save our own link write
 *   caused — is recorded as processed without announcing ({@link Outcome#UNCHANGED});</li>
 *   <li>otherwise the state is announced with {@code onUpdate} and recorded as announced only once its events are
 *   acknowledged ({@link Acknowledgements}, e.g. Redis's acknowledgement of the emitter's sends), waited for at most
 *   {@link #confirmedBy the given time} while the lease is held. A failed {@code onUpdate} throws
 *   {@link AnnounceFailedException}, an acknowledgement not in time {@link AnnounceUnconfirmedException}: both
 *   transient, nothing recorded, so a retry (the journal's) or the sweep announces the state. A retry in this process
 *   of a state whose events are still waiting does not announce again: it waits for those same events.</li>
 * </ol>
 * <b>At least once, never lost.</b> Recording after the acknowledgement means that a crash (SIGKILL) before it —
 * events still in the emitter's buffer — loses nothing: the journal replays the delivery after the restart and the
 * state, not recorded, is announced then. A crash in the short window after the acknowledgement and before the
 * record is written announces that state a second time (the same content twice; an inbox shows it once). We chose
 * a rare duplicate over a rare loss (RELIABILITY.md, "Once per state"). So does another process or the sweep that
 * meets the state while its first announcement still waits for Redis (the record does not say announced yet).
 *
 * <p>Configured once; thread-safe when its parts are (its memory of unacknowledged announcements is synchronized).
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

    /** Announcements waiting for their acknowledgement that this process remembers (one per message). */
    private static final int UNCONFIRMED_REMEMBERED = 10_000;

    private final MessengerLifecycle lifecycle;
    private final MessageStore store;
    private final MessageStates states;
    private final MessageLookup lookup;
    private final Acknowledgements acks;
    private final Duration ackWait;
    private final Unconfirmed unconfirmed;
    private final MessageLinker linker;

    /**
     * @param lookup the site's current doc, read before linking (one REST call per new message) so that a message the
     *               site does not have changes nothing; null to trust every delivery (in-memory stores, tests)
     */
    public OncePerState(MessengerLifecycle lifecycle, MessageStore store, MessageStates states, MessageLookup lookup) {
        this(lifecycle, store, states, lookup, null);
    }

    /**
     * @param linker validates and writes the link, telling a message the site does not have by that write (the
     *               bridge's {@link SiteLinker}); null for validate, then {@link MessageStore#linkConversation}. With
     *               a linker, {@code lookup} is read only before retrying a link write that went unanswered (a
     *               timeout): the site may have taken it, and the message found linked is not linked again.
     */
    public OncePerState(MessengerLifecycle lifecycle, MessageStore store, MessageStates states, MessageLookup lookup,
            MessageLinker linker) {
        this(lifecycle, store, states, lookup, linker, Acknowledgements.immediate(), Duration.ZERO);
    }

    private OncePerState(MessengerLifecycle lifecycle, MessageStore store, MessageStates states, MessageLookup lookup,
            MessageLinker linker, Acknowledgements acks, Duration ackWait) {
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.store = Objects.requireNonNull(store, "store");
        this.states = Objects.requireNonNull(states, "states");
        this.lookup = lookup;
        this.linker = linker;
        this.acks = Objects.requireNonNull(acks, "acks");
        this.ackWait = Objects.requireNonNull(ackWait, "ackWait");
        if (ackWait.isNegative()) {
            throw new IllegalArgumentException("ackWait is negative: " + ackWait);
        }
        this.unconfirmed = new Unconfirmed(UNCONFIRMED_REMEMBERED);
    }

    /**
     * This rule with states recorded as announced only once {@code acks} says their events were acknowledged, waiting
     * up to {@code wait} (with the message's lease held; keep it well under the lease's life, e.g. 2 s of 15 s).
     * Without it every publish counts as acknowledged at once (an in-process publisher).
     */
    public OncePerState confirmedBy(Acknowledgements acks, Duration wait) {
        return new OncePerState(lifecycle, store, states, lookup, linker, acks, wait);
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
            Pending pending = unconfirmed.get(name);
            String lastAnnounced = pending != null ? pending.fingerprint() : record.fingerprint();
            MessageRecord announced = record.withNewest(modified).withFingerprint(fingerprint);
            if (fingerprint.equals(lastAnnounced)) {
                if (pending == null) {
                    states.write(name, record.withNewest(modified));
                    return Outcome.UNCHANGED;
                }
                confirm(name, pending, announced); // an earlier try's events announce this content: wait for them
                return Outcome.ANNOUNCED;
            }
            UpdateOutcome outcome = lifecycle.onUpdate(message);
            if (outcome.failed()) {
                throw new AnnounceFailedException(name, outcome.failure().orElseThrow());
            }
            confirm(name, new Pending(fingerprint, acks.mark()), announced);
            return Outcome.ANNOUNCED;
        });
    }

    /** Records {@code announced} once the events up to {@code pending}'s mark are acknowledged. */
    private void confirm(String name, Pending pending, MessageRecord announced) {
        boolean acknowledged;
        try {
            acknowledged = acks.delivered(pending.mark()) || acks.awaitDelivered(pending.mark(), ackWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acknowledged = false;
        }
        if (!acknowledged) {
            unconfirmed.put(name, pending);
            throw new AnnounceUnconfirmedException(name, "waited " + ackWait.toMillis() + " ms");
        }
        states.write(name, announced);
        unconfirmed.remove(name);
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
            // With a linker, the site is read only when an earlier link write went unanswered: the one bulk_update
            // tells a message the site does not have, but a write that timed out may have been taken all the same.
            if (existence != null && (linker == null || record.linkInDoubt())) {
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
            MessengerMessage validated;
            if (linker != null) {
                Optional<MessengerMessage> written = linker.validateAndLink(message);
                if (written.isEmpty()) {
                    return null;
                }
                validated = written.get();
            } else {
                validated = lifecycle.validate(message);
                if (!isBlank(validated.conversation())) {
                    store.linkConversation(name, validated.conversation());
                }
            }
            if (isBlank(validated.conversation())) {
                return new Linked(validated, record); // Messenger Settings disabled: validate links nothing
            }
            MessageRecord linked = record.withLink(Link.of(validated));
            states.write(name, linked);
            return new Linked(validated, linked);
        } catch (MessengerValidationException | IllegalArgumentException refused) {
            throw refused; // the doc itself is wrong: nothing for the error log
        } catch (MessageBusyException busy) {
            throw busy;
        } catch (RuntimeException failure) {
            if (linker != null) {
                markInDoubt(name, record, failure);
            }
            // The message is written already, so this is an update that failed (Frappe or Redis away): the error
            // log gets it as on_update's failures do; a retry or the catch-up sweep links it later.
            lifecycle.reportUpdateError(message, failure);
            throw failure;
        }
    }

    /** After a failed link write: the next try reads the site first, so that a write taken unanswered is not doubled. */
    private void markInDoubt(String name, MessageRecord record, RuntimeException failure) {
        try {
            states.write(name, record.withLinkInDoubt());
        } catch (RuntimeException e) {
            failure.addSuppressed(e); // Redis away too: the retry may write the link a second time (same value)
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
