package io.github.frappemessenger.embedded;

import io.github.frappemessenger.Subscription;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.port.RealtimePublisher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each event to listeners in this JVM, on the publishing thread, in order. A listener that throws is logged
 * and does not stop the others. Thread-safe; listeners must be too if several threads publish.
 */
public final class InProcessPublisher implements RealtimePublisher {
    private static final Logger log = LoggerFactory.getLogger(InProcessPublisher.class);
    private final List<Consumer<RealtimeEvent>> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener; closing the subscription removes it again. */
    public Subscription subscribe(Consumer<RealtimeEvent> listener) {
        listeners.add(listener);
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.getAndSet(false)) {
                listeners.remove(listener);
            }
        };
    }

    @Override
    public void publish(RealtimeEvent event) {
        for (Consumer<RealtimeEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.warn("a realtime listener failed on {}", event.event().eventName(), e);
            }
        }
    }
}
