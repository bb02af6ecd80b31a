package io.github.frappemessenger.internal;

import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.lifecycle.UpdateOutcome;
import io.github.frappemessenger.port.RealtimePublisher;
import io.github.frappemessenger.port.TransactionalOutbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@code Messenger} runs a save with or without a {@link TransactionalOutbox}. Without one, the lifecycle
 * publishes straight to the publishers. With one, the lifecycle's events are written into the outbox inside the
 * save's transaction (rolled back when they could not be written); after the commit the saving thread publishes
 * them itself and has the outbox forget them, then lets the outbox sweep what earlier saves left behind.
 *
 * <p>Order: a save takes its conversation's turn before the commit ({@link CommitOrder}), so two saves of one
 * conversation in this process publish in the order they commit (their rows are locked in the database, so they
 * commit one after the other). A save's events are of one conversation. Thread-safe when the outbox is. Not part of
 * the API.
 */
public final class OutboxRuns {
    private static final Logger log = LoggerFactory.getLogger("io.github.frappemessenger.Messenger");

    private final @Nullable TransactionalOutbox outbox;
    private final RealtimePublisher publishers;
    private final CommitOrder order = new CommitOrder(64);
    /** The outbox ids the current thread's save wrote. */
    private final ThreadLocal<List<Long>> written = new ThreadLocal<>();

    public OutboxRuns(@Nullable TransactionalOutbox outbox, RealtimePublisher publishers) {
        this.outbox = outbox;
        this.publishers = publishers;
    }

    /** Where the lifecycle publishes: the publishers, or the outbox. */
    public RealtimePublisher target() {
        TransactionalOutbox box = outbox;
        return box == null ? publishers : new RealtimePublisher() {
            @Override
            public void publish(RealtimeEvent event) {
                publishAll(List.of(event));
            }

            @Override
            public void publishAll(List<RealtimeEvent> events) {
                List<Long> ids = box.add(events);
                List<Long> mine = written.get();
                if (mine != null) {
                    mine.addAll(ids);
                }
            }
        };
    }

    /** Runs a save in the outbox's transaction, then publishes its events and sweeps; or just runs it. */
    public <T> T run(Supplier<T> work, Function<T, UpdateOutcome> outcomeOf) {
        TransactionalOutbox box = outbox;
        if (box == null) {
            return work.get();
        }
        List<Long> ids = new ArrayList<>();
        List<CommitOrder.Turn> turn = new ArrayList<>(1);
        T result;
        try {
            result = box.inTransaction(() -> {
                release(turn); // a run again after a deadlock starts afresh
                ids.clear();
                written.set(ids);
                T r = work.get();
                UpdateOutcome outcome = outcomeOf.apply(r);
                Optional<RuntimeException> failure = outcome.failure();
                if (failure.isPresent()) {
                    throw failure.get(); // the events could not be written with the save: roll it back
                }
                turn.add(order.turn(conversationOf(outcome.events()))); // before the commit: see the class doc
                return r;
            });
        } catch (RuntimeException | Error e) {
            release(turn);
            throw e;
        } finally {
            written.remove();
        }
        List<RealtimeEvent> events = outcomeOf.apply(result).events();
        turn.get(0).committed(() -> publishCommitted(box, events, ids));
        sweep(box);
        return result;
    }

    /** Publishes everything committed but not yet published; 0 without an outbox. */
    public int relayPending() {
        TransactionalOutbox box = outbox;
        return box == null ? 0 : box.relay(publishers::publishAll);
    }

    private void publishCommitted(TransactionalOutbox box, List<RealtimeEvent> events, List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            publishers.publishAll(events);
        } catch (RuntimeException e) {
            // The save stands; its events stay in the outbox for a sweep or relayPending().
            log.warn("events committed but not published; a later save's sweep or relayPending() publishes them", e);
            return;
        }
        try {
            box.forget(ids);
        } catch (RuntimeException e) {
            log.warn("events published but still in the outbox; a sweep may publish them again", e);
        }
    }

    private void sweep(TransactionalOutbox box) {
        try {
            box.sweep(publishers::publishAll);
        } catch (RuntimeException e) {
            log.warn("sweeping the outbox for events left behind failed; the next save tries again", e);
        }
    }

    private static String conversationOf(List<RealtimeEvent> events) {
        String conversation = events.isEmpty() ? null : events.get(0).event().conversationId();
        return conversation == null ? "" : conversation;
    }

    private static void release(List<CommitOrder.Turn> turn) {
        turn.forEach(CommitOrder.Turn::release);
        turn.clear();
    }
}
