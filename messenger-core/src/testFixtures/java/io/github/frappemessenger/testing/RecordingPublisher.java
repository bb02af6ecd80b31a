package io.github.frappemessenger.testing;

import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.port.RealtimePublisher;
import java.util.ArrayList;
import java.util.List;

/** Keeps what was published, in order. Thread-safe. */
public final class RecordingPublisher implements RealtimePublisher {
    private final List<RealtimeEvent> events = new ArrayList<>();

    @Override
    public synchronized void publish(RealtimeEvent event) {
        events.add(event);
    }

    public synchronized List<RealtimeEvent> events() {
        return List.copyOf(events);
    }

    public synchronized List<String> names() {
        return events.stream().map(e -> e.event().eventName()).toList();
    }

    public synchronized void clear() {
        events.clear();
    }
}
