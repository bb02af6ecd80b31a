package io.github.frappemessenger.testing;

import io.github.frappemessenger.event.MessengerEvent;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.port.RealtimePublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link RealtimePublisher} that keeps what was published, in order, instead of sending it: wire it where the Redis
 * emitter would go and assert on the events. Thread-safe.
 */
public final class RecordingPublisher implements RealtimePublisher {
    private final List<RealtimeEvent> events = new ArrayList<>();

    @Override
    public synchronized void publish(RealtimeEvent event) {
        events.add(event);
        notifyAll();
    }

    /** Everything published so far, with its room. */
    public synchronized List<RealtimeEvent> events() {
        return List.copyOf(events);
    }

    /** The events of one type published so far, e.g. {@code events(UnreadUpdate.class)}. */
    public synchronized <T extends MessengerEvent> List<T> events(Class<T> type) {
        return events.stream().map(RealtimeEvent::event).filter(type::isInstance).map(type::cast).toList();
    }

    /** The wire names published so far, e.g. {@code messenger:unread_update}. */
    public synchronized List<String> names() {
        return events.stream().map(e -> e.event().eventName()).toList();
    }

    /** Waits until at least {@code count} events were published; false if {@code max} passed first. */
    public synchronized boolean awaitCount(int count, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        long left;
        while (events.size() < count && (left = deadline - System.nanoTime()) > 0) {
            wait(Math.max(1, left / 1_000_000));
        }
        return events.size() >= count;
    }

    public synchronized void clear() {
        events.clear();
    }
}
