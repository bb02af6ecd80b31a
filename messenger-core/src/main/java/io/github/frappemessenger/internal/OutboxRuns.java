package io.github.frappemessenger.internal;

import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.lifecycle.UpdateOutcome;
import io.github.frappemessenger.port.RealtimePublisher;
import io.github.frappemessenger.port.TransactionalOutbox;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@code Messenger} runs a save with or without a {@link TransactionalOutbox}: without one, the lifecycle
 * publishes straight to the publishers; with one, it writes the events into the outbox inside the save's
 * transaction (rolled back when they could not be written), and they are relayed after the commit. Thread-safe when
 * the outbox is. Not part of the API.
 */
public final class OutboxRuns {
    private static final Logger log = LoggerFactory.getLogger("io.github.frappemessenger.Messenger");

    private final @Nullable TransactionalOutbox outbox;
    private final RealtimePublisher publishers;

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
                box.add(List.of(event));
            }

            @Override
            public void publishAll(List<RealtimeEvent> events) {
                box.add(events);
            }
        };
    }

    /** Runs a save in the outbox's transaction, then relays; or just runs it. */
    public <T> T run(Supplier<T> work, Function<T, UpdateOutcome> outcomeOf) {
        TransactionalOutbox box = outbox;
        if (box == null) {
            return work.get();
        }
        T result = box.inTransaction(() -> {
            T r = work.get();
            Optional<RuntimeException> failure = outcomeOf.apply(r).failure();
            if (failure.isPresent()) {
                throw failure.get(); // the events could not be written with the save: roll it back
            }
            return r;
        });
        try {
            relayPending();
        } catch (RuntimeException e) {
            // The save stands; its events stay in the outbox for the next relay.
            log.warn("events committed but not yet published; they go out with the next save or relayPending()", e);
        }
        return result;
    }

    /** Publishes what was committed but not yet published; 0 without an outbox. */
    public int relayPending() {
        TransactionalOutbox box = outbox;
        return box == null ? 0 : box.relay(publishers::publishAll);
    }
}
