package io.github.frappemessenger.port;

import io.github.frappemessenger.event.RealtimeEvent;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A store that writes a save in one transaction together with the events of the save (a transactional outbox), so
 * that events leave only after the commit, a rolled-back save emits nothing, and events committed but not yet sent
 * when the process died are still sent. The messenger publishes a save's events itself right after the commit and
 * then {@link #forget}s them; what stays pending (the process died first, or a publisher failed) goes out with a
 * later {@link #sweep} or {@link #relay}. Implementations are thread-safe.
 */
public interface TransactionalOutbox {

    /**
     * Runs one save's work in one transaction on the stores that belong to this outbox: commits when {@code work}
     * returns, rolls back when it throws (and rethrows). The work may run again after a deadlock.
     */
    <T> T inTransaction(Supplier<T> work);

    /**
     * Inside {@link #inTransaction}: keeps the events of this save, in order, until they are published.
     *
     * @return the outbox's ids of the events, for {@link #forget}
     */
    List<Long> add(List<RealtimeEvent> events);

    /**
     * After the commit, once the events of these ids were published: removes them, so no relay publishes them again.
     * An implementation may batch removals of several callers into one statement.
     */
    void forget(List<Long> ids);

    /**
     * Hands every committed, unsent event to {@code publish}, oldest first (so in order per conversation), and forgets
     * those it accepted. A {@code publish} that throws leaves the events pending: delivery is at least once. Never
     * runs two relays of one outbox at once, even from two processes.
     *
     * @return how many events were handed over
     */
    int relay(Consumer<List<RealtimeEvent>> publish);

    /**
     * Relays the events left behind — pending since an earlier sweep, so not a save's that is being published right
     * now — at most every few seconds and cheaply when it is not due. The messenger calls it after each save.
     *
     * @return how many events were handed over
     */
    default int sweep(Consumer<List<RealtimeEvent>> publish) {
        return 0;
    }
}
