package io.github.frappemessenger.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.event.ConversationStatusUpdate.StatusLog;
import io.github.frappemessenger.internal.EventDecoder;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.fixtures.Docs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a client hears reads back as the event that was sent, version included, for all eight events. */
class EventDecoderRoundTripTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final EventDecoder decoder = new EventDecoder();
    private final MessengerMessage message = MessengerMessage.fromDoc(
            Docs.with(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"), "conversation", "CONV-1"));
    private final MessengerConversation conversation = MessengerConversation.start("CONV-1", "Messenger", "42");

    @Test
    void everyEventReadsBackAsSentThroughItsJsonText() throws Exception {
        List<MessengerEvent> sent = List.of(new ConversationUpdate(conversation, 1), new MessageUpdate(message, "CONV-1", 2),
                new UnreadUpdate("CONV-1", 1, 3), new MessageStatusUpdate("mid", "received", "MSG-1", "CONV-1", 4),
                new MessageSent("CONV-1", message, 5), new MessageAutoSent(message, "CONV-1", 6),
                new BlockStatusUpdate("CONV-1", true, 7),
                new ConversationStatusUpdate("CONV-1", "Closed", new StatusLog("Closed", "2026-11-20 10:05:00", "a"), 8));
        for (MessengerEvent e : sent) {
            Map<String, Object> wire = mapper.readValue(mapper.writeValueAsString(e.payload()), new TypeReference<>() {
            });
            assertThat(decoder.decode(e.eventName(), wire)).as(e.eventName()).isEqualTo(Optional.of(e));
        }
    }

    @Test
    void aPayloadWithoutVersionIsUnversionedAndANegativeOneIsRefused() {
        assertThat(decoder.decode(UnreadUpdate.NAME, Map.of("conversation_id", "CONV-1", "unread_count", 2)))
                .isEqualTo(Optional.of(new UnreadUpdate("CONV-1", 2)));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> decoder.decode(UnreadUpdate.NAME,
                Map.of("conversation_id", "CONV-1", "unread_count", 2, "version", -1)));
    }
}
