package io.github.frappemessenger.internal;

import io.github.frappemessenger.event.BlockStatusUpdate;
import io.github.frappemessenger.event.ConversationStatusUpdate;
import io.github.frappemessenger.event.ConversationUpdate;
import io.github.frappemessenger.event.MessageAutoSent;
import io.github.frappemessenger.event.MessageSent;
import io.github.frappemessenger.event.MessageStatusUpdate;
import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.event.MessengerEvent;
import io.github.frappemessenger.event.UnreadUpdate;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every {@code messenger:*} event, once: its wire name (the record's {@code NAME}), its record, and how its payload
 * is read back. The emitter writes what the record's {@code payload()} gives; {@link EventDecoder} (the inbox, the
 * outbox), the CLI's {@code listen} and the tests take the list from here (docs/events.md). Immutable.
 */
public final class EventCatalogue {

    /** One kind of event: the name Messenger.vue listens to, its record, and its payload reader. */
    public record Kind<T extends MessengerEvent>(String name, Class<T> type, Reader<T> reader) {
    }

    /** Builds the record from a payload and its version (0 when the payload has none). */
    @FunctionalInterface
    public interface Reader<T extends MessengerEvent> {
        T read(EventPayload payload, long version);
    }

    private static final List<Kind<?>> KINDS = List.of(
            new Kind<>(ConversationUpdate.NAME, ConversationUpdate.class, (p, v) -> new ConversationUpdate(
                    MessengerConversation.fromDoc(p.object("conversation")), v)),
            new Kind<>(MessageUpdate.NAME, MessageUpdate.class, (p, v) -> new MessageUpdate(
                    MessengerMessage.fromDoc(p.object("message")), p.text("conversation_id"), v)),
            new Kind<>(UnreadUpdate.NAME, UnreadUpdate.class, (p, v) -> new UnreadUpdate(p.text("conversation_id"),
                    p.number("unread_count"), v)),
            new Kind<>(MessageSent.NAME, MessageSent.class, (p, v) -> new MessageSent(p.text("conversation_id"),
                    MessengerMessage.fromDoc(p.object("message")), v)),
            new Kind<>(MessageStatusUpdate.NAME, MessageStatusUpdate.class, (p, v) -> new MessageStatusUpdate(
                    p.optionalText("message_id"), p.optionalText("status"), p.optionalText("name"),
                    p.optionalText("conversation_id"), v)),
            new Kind<>(MessageAutoSent.NAME, MessageAutoSent.class, (p, v) -> new MessageAutoSent(
                    MessengerMessage.fromDoc(p.object("message")), p.text("conversation_id"), v)),
            new Kind<>(BlockStatusUpdate.NAME, BlockStatusUpdate.class, (p, v) -> new BlockStatusUpdate(
                    p.text("conversation_id"), p.number("blocked") != 0, v)),
            new Kind<>(ConversationStatusUpdate.NAME, ConversationStatusUpdate.class,
                    (p, v) -> new ConversationStatusUpdate(p.text("conversation_id"), p.optionalText("status"),
                            statusLog(p.nested("status_log")), v)));
    private static final Map<String, Kind<?>> BY_NAME = KINDS.stream()
            .collect(Collectors.toUnmodifiableMap(Kind::name, Function.identity()));

    private EventCatalogue() {
    }

    /** Every kind, in the order docs/events.md lists them. */
    public static List<Kind<?>> kinds() {
        return KINDS;
    }

    /** Every wire name, e.g. {@code messenger:unread_update}. */
    public static List<String> names() {
        return KINDS.stream().map(Kind::name).toList();
    }

    public static Optional<Kind<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    private static ConversationStatusUpdate.StatusLog statusLog(EventPayload log) {
        return new ConversationStatusUpdate.StatusLog(log.optionalText("status"), log.optionalText("changed_on"),
                log.optionalText("changed_by"));
    }
}
