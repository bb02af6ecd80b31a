package io.github.frappemessenger.port;

import io.github.frappemessenger.event.RealtimeEvent;
import java.util.List;

/**
 * Sends realtime events to listeners (Frappe's {@code publish_realtime}). Implementations are thread-safe and keep
 * the order of the events of one call.
 */
public interface RealtimePublisher {

    void publish(RealtimeEvent event);

    /** The events of one save, in order; implementations may send them as one batch. */
    default void publishAll(List<RealtimeEvent> events) {
        for (RealtimeEvent e : events) {
            publish(e);
        }
    }
}
