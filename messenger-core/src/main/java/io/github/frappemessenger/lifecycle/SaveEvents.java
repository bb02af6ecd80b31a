package io.github.frappemessenger.lifecycle;

import io.github.frappemessenger.event.BlockStatusUpdate;
import io.github.frappemessenger.event.ConversationStatusUpdate.StatusLog;
import io.github.frappemessenger.event.ConversationStatusUpdate;
import io.github.frappemessenger.event.ConversationUpdate;
import io.github.frappemessenger.event.MessageAutoSent;
import io.github.frappemessenger.event.MessageSent;
import io.github.frappemessenger.event.MessageStatusUpdate;
import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.event.MessengerEvent;
import io.github.frappemessenger.event.UnreadUpdate;
import io.github.frappemessenger.internal.FrappeDates;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.ConversationStates.State;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The events of one save, in the order Frappe CRM's {@code on_update} and {@code on_conversation_update} send them. */
final class SaveEvents {
    /** A conversation never seen before is taken to have held the DocType's defaults. */
    static final State DEFAULT_STATE = new State(false, "Open");
    static final String AUTO_GENERATED = "is_auto_generated_outgoing_message";
    static final String STATUS_LOG = "status_log";
    private static final String SENT = "sent";

    private SaveEvents() {
    }

    /**
     * Incoming: conversation_update, message_update, unread_update. Outgoing: message_sent, conversation_update and,
     * for an auto-generated message whose status is "sent", message_auto_sent. Then message_status_update.
     */
    static List<MessengerEvent> ofMessage(MessengerMessage message, MessengerConversation conversation,
            long unreadCount) {
        String name = conversation.name();
        List<MessengerEvent> events = new ArrayList<>(4);
        if (message.isIncoming()) {
            events.add(new ConversationUpdate(conversation));
            events.add(new MessageUpdate(message, name));
            events.add(new UnreadUpdate(name, unreadCount));
        } else if (message.isOutgoing()) {
            events.add(new MessageSent(name, message));
            events.add(new ConversationUpdate(conversation));
            if (isAutoSent(message)) {
                events.add(new MessageAutoSent(message, name));
            }
        }
        events.add(new MessageStatusUpdate(message.messageId(), message.status(), message.name(), name, 0));
        return events;
    }

    /** block_status_update when {@code block_chat} changed, conversation_status_update when {@code status} did. */
    static List<MessengerEvent> ofConversation(MessengerConversation current, State before, LocalDateTime now) {
        List<MessengerEvent> events = new ArrayList<>(2);
        if (before.blocked() != current.blockChat()) {
            events.add(new BlockStatusUpdate(current.name(), current.blockChat()));
        }
        if (!Objects.equals(statusOrDefault(before.status()), statusOrDefault(current.status()))) {
            events.add(new ConversationStatusUpdate(current.name(), current.status(), lastStatusLog(current, now)));
        }
        return events;
    }

    /** A conversation without status holds the DocType's default ("Open"): no change between the two. */
    private static String statusOrDefault(String status) {
        return status == null || status.isBlank() ? DEFAULT_STATE.status() : status;
    }

    /**
     * The conversation with the block flag and status last announced, when they differ from the doc's: a doc served
     * from a cache may predate an agent's block or status change, and its conversation_update would undo it.
     */
    static MessengerConversation withState(MessengerConversation c, Optional<State> announced) {
        if (announced.isEmpty() || stateOf(c).equals(announced.get())) {
            return c;
        }
        Map<String, Object> seen = new java.util.HashMap<>();
        seen.put("block_chat", announced.get().blocked() ? 1 : 0);
        seen.put("status", announced.get().status());
        return c.mergedWith(seen);
    }

    static State stateOf(MessengerConversation c) {
        return new State(c.blockChat(), c.status());
    }

    /** Outgoing, {@code is_auto_generated_outgoing_message} = 1 and {@code status} "sent". */
    static boolean isAutoSent(MessengerMessage m) {
        Object flag = m.extra().get(AUTO_GENERATED);
        boolean auto = flag instanceof Number n ? n.intValue() == 1
                : flag instanceof Boolean b ? b : flag != null && flag.toString().strip().equals("1");
        return m.isOutgoing() && auto && SENT.equals(m.status());
    }

    /**
     * The last row of the conversation's {@code status_log} (the Messenger Conversation controller appends one on
     * each status change); when the doc carries none, a row made of the status, {@code modified} (or now) and
     * {@code modified_by}.
     */
    static StatusLog lastStatusLog(MessengerConversation c, LocalDateTime now) {
        if (c.extra().get(STATUS_LOG) instanceof List<?> rows && !rows.isEmpty()
                && rows.get(rows.size() - 1) instanceof Map<?, ?> row) {
            return new StatusLog(text(row.get("status")), text(row.get("changed_on")), text(row.get("changed_by")));
        }
        String modified = text(c.extra().get("modified"));
        return new StatusLog(c.status(), modified != null ? modified : FrappeDates.format(now),
                text(c.extra().get("modified_by")));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
