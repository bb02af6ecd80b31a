package io.github.frappemessenger.port;

import io.github.frappemessenger.event.RealtimeEvent;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A store that writes a save in one transaction together with the events of the save (a transactional outbox), so
 * that events leave only after the commit, a rolled-back save emits nothing, and events committed but not yet sent
 * when the process died are sent on the next {@link #relay}. Implementations are thread-safe.
 */
public interface TransactionalOutbox {

    /**
     * Runs one save's work in one transaction on the stores that belong to this outbox: commits when {@code work}
     * returns, rolls back when it throws (and rethrows).
     */
    <T> T inTransaction(Supplier<T> work);

    /** Inside {@link #inTransaction}: keeps the events of this save, in order, to be relayed after the commit. */
    void add(List<RealtimeEvent> events);

    /**
     * Hands every committed, unsent event to {@code publish}, oldest first (so in order per conversation), and forgets
     * those it accepted. A {@code publish} that throws leaves the events pending for the next relay: delivery is at
     * least once. Never runs two relays of one outbox at once, even from two processes.
     *
     * @return how many events were handed over
     */
    int relay(Consumer<List<RealtimeEvent>> publish);
}
