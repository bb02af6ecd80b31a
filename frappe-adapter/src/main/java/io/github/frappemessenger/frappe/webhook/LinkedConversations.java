package io.github.frappemessenger.frappe.webhook;

import io.github.frappemessenger.model.MessengerMessage;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The conversations this bridge process linked messages to, by message name. Frappe calls after_insert and then
 * on_update for one insert, and both carry the doc as it was inserted, without {@code conversation}: the second of
 * them finds here what the first linked (and the timestamp validate gave it), so that validate and the link write are
 * not repeated. A link is reused only for a doc of the same platform and sender_id; any other doc is validated again.
 *
 * <p>Bounded (least recently used forgotten first); one process only: a delivery that reaches another process is
 * validated and linked again there, which costs round trips but stays right (find-or-create is atomic, and the same
 * last message is recorded again). Thread-safe: every method holds the monitor.
 */
final class LinkedConversations {
    private record Link(String conversation, String platform, String senderId, LocalDateTime timestamp) {
    }

    private final Map<String, Link> links;

    LinkedConversations(int capacity) {
        this.links = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Link> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Remembers a validated message whose conversation link was written to Frappe. */
    synchronized void linked(MessengerMessage validated) {
        links.put(validated.name(), new Link(validated.conversation(), validated.platform(), validated.senderId(),
                validated.timestamp()));
    }

    /** The message with the conversation (and, if it has none, the timestamp) linked before; empty if unknown. */
    synchronized Optional<MessengerMessage> relink(MessengerMessage message) {
        Link link = message.name() == null ? null : links.get(message.name());
        if (link == null || !Objects.equals(link.platform(), message.platform())
                || !Objects.equals(link.senderId(), message.senderId())) {
            return Optional.empty();
        }
        MessengerMessage relinked = message.withConversation(link.conversation());
        return Optional.of(relinked.timestamp() == null ? relinked.withTimestamp(link.timestamp()) : relinked);
    }
}
