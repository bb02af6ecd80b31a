package io.github.frappemessenger.socketio;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A history in this JVM: at most {@code maxEvents} events, none older than {@code maxAge}. Its epoch is new for each
 * instance, so a restarted server tells every resuming client to refetch. Thread-safe (one lock).
 */
public final class InMemoryEventHistory implements EventHistory {
    private final String epoch = UUID.randomUUID().toString();
    private final int maxEvents;
    private final long maxAgeMillis;
    private final Clock clock;
    private final ArrayDeque<StreamEvent> events = new ArrayDeque<>();
    private long head;

    public InMemoryEventHistory(int maxEvents, Duration maxAge, Clock clock) {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be at least 1, was " + maxEvents);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
        }
        this.maxEvents = maxEvents;
        this.maxAgeMillis = maxAge.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String epoch() {
        return epoch;
    }

    @Override
    public synchronized StreamEvent append(String event, String room, String payloadJson) {
        StreamEvent e = new StreamEvent(epoch, ++head, event, room, payloadJson, clock.millis());
        events.addLast(e);
        trim();
        return e;
    }

    @Override
    public synchronized long headOffset() {
        return head;
    }

    @Override
    public synchronized List<StreamEvent> after(long offset) {
        trim();
        if (offset > head || offset < 0) {
            return null;
        }
        long oldestKept = events.isEmpty() ? head + 1 : events.peekFirst().offset();
        if (offset + 1 < oldestKept) {
            return null;
        }
        List<StreamEvent> missed = new ArrayList<>((int) (head - offset));
        for (StreamEvent e : events) {
            if (e.offset() > offset) {
                missed.add(e);
            }
        }
        return missed;
    }

    private void trim() {
        long oldestAllowed = clock.millis() - maxAgeMillis;
        while (!events.isEmpty() && (events.size() > maxEvents || events.peekFirst().appendedAtMillis() < oldestAllowed)) {
            events.removeFirst();
        }
    }
}
