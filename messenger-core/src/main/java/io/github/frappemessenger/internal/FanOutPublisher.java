package io.github.frappemessenger.internal;

import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.port.RealtimePublisher;
import java.util.List;

/**
 * Hands the events of each call to every publisher, in the order they were given; one that throws does not keep the
 * events from the others, and its failure is rethrown after all were tried (so on_update reports it). Thread-safe
 * when the publishers are. Not part of the API.
 */
public final class FanOutPublisher implements RealtimePublisher {
    private final List<RealtimePublisher> publishers;

    public FanOutPublisher(List<RealtimePublisher> publishers) {
        this.publishers = List.copyOf(publishers);
    }

    @Override
    public void publish(RealtimeEvent event) {
        publishAll(List.of(event));
    }

    @Override
    public void publishAll(List<RealtimeEvent> events) {
        RuntimeException first = null;
        for (RealtimePublisher p : publishers) {
            try {
                p.publishAll(events);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
