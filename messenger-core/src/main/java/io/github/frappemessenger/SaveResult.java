package io.github.frappemessenger;

import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.lifecycle.UpdateOutcome;
import io.github.frappemessenger.model.MessengerMessage;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Messenger#save} did: an insert or an update, the message as stored, and what on_update did (the
 * events of the save, or the failure written to the error log). With a transactional store the events were written
 * with the message and are published after the commit.
 */
public record SaveResult(boolean inserted, MessengerMessage message, UpdateOutcome outcome) {

    public SaveResult {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(outcome, "outcome");
    }

    public boolean updated() {
        return !inserted;
    }

    public List<RealtimeEvent> events() {
        return outcome.events();
    }
}
