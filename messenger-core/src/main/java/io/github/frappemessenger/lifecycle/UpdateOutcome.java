package io.github.frappemessenger.lifecycle;

import io.github.frappemessenger.event.RealtimeEvent;
import java.util.List;
import java.util.Optional;

/**
 * What {@link MessengerLifecycle#onUpdate} did: the events it published (none when disabled or waiting for an
 * attachment), or the failure it caught and logged as "Messenger Update Error".
 */
public record UpdateOutcome(List<RealtimeEvent> events, Optional<RuntimeException> failure) {

    public UpdateOutcome {
        events = List.copyOf(events);
    }

    static UpdateOutcome emitted(List<RealtimeEvent> events) {
        return new UpdateOutcome(events, Optional.empty());
    }

    static UpdateOutcome failed(RuntimeException failure) {
        return new UpdateOutcome(List.of(), Optional.of(failure));
    }

    public boolean failed() {
        return failure.isPresent();
    }
}
