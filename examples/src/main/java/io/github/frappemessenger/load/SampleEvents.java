package io.github.frappemessenger.load;

import io.github.frappemessenger.event.ConversationUpdate;
import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.event.UnreadUpdate;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * The events of one incoming save, as the lifecycle emits them (conversation_update, message_update,
 * unread_update), with the same fields and values as examples/bench/python_emit_loop.py builds, so that the
 * emitter and the Python baseline publish the same payloads.
 */
final class SampleEvents {
    static final int PER_SAVE = 3;
    private static final String SENDER = "6543210987654321";
    private static final String CONVERSATION = "CONV-1";
    private static final LocalDateTime TIME = LocalDateTime.of(2026, 11, 20, 10, 0);

    private SampleEvents() {
    }

    /** The three events of save {@code i}. */
    static List<RealtimeEvent> incomingSave(long i) {
        String text = "hello " + i;
        MessengerConversation conversation = new MessengerConversation(CONVERSATION, SENDER, "Messenger", text, TIME,
                false, "Open", Map.of());
        return List.of(
                RealtimeEvent.toAll(new ConversationUpdate(conversation)),
                RealtimeEvent.toAll(new MessageUpdate(message(i, text, Map.of()), CONVERSATION)),
                RealtimeEvent.toAll(new UnreadUpdate(CONVERSATION, i % 7)));
    }

    /** A received text message as Frappe stores it; {@code extra} carries fields such as a send time. */
    static MessengerMessage message(long i, String text, Map<String, Object> extra) {
        return new MessengerMessage("MSG-" + i, "m" + i, text, SENDER, null, TIME, "Incoming", CONVERSATION, false,
                "text", null, "received", "Messenger", extra);
    }
}
