package io.github.frappemessenger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.event.BlockStatusUpdate;
import io.github.frappemessenger.event.ConversationUpdate;
import io.github.frappemessenger.event.MessageSent;
import io.github.frappemessenger.event.MessageStatusUpdate;
import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.event.MessengerEvent;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.event.UnreadUpdate;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.fixtures.Docs;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each event against the payload shapes of docs/protocol.md §6, which Messenger.vue reads. */
class EventJsonTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final EventJson json = new EventJson();
    private final MessengerMessage message = MessengerMessage.fromDoc(
            Docs.with(Docs.incoming("MSG-1", "42", "hello", "2026-11-20 10:00:00"), "conversation", "CONV-1"));
    private final MessengerConversation conversation = MessengerConversation.start("CONV-1", "Messenger", "42")
            .withLastMessage("hello", LocalDateTime.of(2026, 11, 20, 10, 0));

    private JsonNode wire(MessengerEvent e) throws Exception {
        return mapper.readTree(json.toWireJson(RealtimeEvent.toAll(e)));
    }

    private static List<String> keys(JsonNode node) {
        return iterable(node.fieldNames());
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        java.util.ArrayList<String> list = new java.util.ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }

    @Test
    void conversationUpdateCarriesTheConversationAndTypeUpdate() throws Exception {
        JsonNode n = wire(new ConversationUpdate(conversation));
        assertThat(n.get("event").asText()).isEqualTo("messenger:conversation_update");
        assertThat(n.get("room").asText()).isEqualTo("all");
        JsonNode p = n.get("message");
        assertThat(keys(p)).isEqualTo(List.of("conversation", "type"));
        assertThat(p.get("type").asText()).isEqualTo("update");
        JsonNode c = p.get("conversation");
        assertThat(c.get("name").asText()).isEqualTo("CONV-1");
        assertThat(c.get("sender_id").asText()).isEqualTo("42");
        assertThat(c.get("platform").asText()).isEqualTo("Messenger");
        assertThat(c.get("last_message").asText()).isEqualTo("hello");
        assertThat(c.get("last_message_time").asText()).isEqualTo("2026-11-20 10:00:00");
        assertThat(c.get("block_chat").asInt()).isEqualTo(0);
    }

    @Test
    void messageUpdateCarriesTheMessageConversationIdAndTypeNew() throws Exception {
        JsonNode p = wire(new MessageUpdate(message, "CONV-1")).get("message");
        assertThat(keys(p)).isEqualTo(List.of("message", "conversation_id", "type"));
        assertThat(p.get("type").asText()).isEqualTo("new");
        assertThat(p.get("conversation_id").asText()).isEqualTo("CONV-1");
        assertThat(p.get("message").get("name").asText()).isEqualTo("MSG-1");
        assertThat(p.get("message").get("message_direction").asText()).isEqualTo("Incoming");
        assertThat(p.get("message").get("is_read").asInt()).isEqualTo(0);
        assertThat(p.get("message").get("doctype").asText()).isEqualTo("Messenger Message");
    }

    @Test
    void unreadUpdateCarriesAnIntegerCount() throws Exception {
        JsonNode p = wire(new UnreadUpdate("CONV-1", 3)).get("message");
        assertThat(keys(p)).isEqualTo(List.of("conversation_id", "unread_count"));
        assertThat(p.get("unread_count").asInt()).isEqualTo(3);
        assertThat(p.get("unread_count").isIntegralNumber()).isTrue();
    }

    @Test
    void messageSentAndStatusUpdateHaveTheirShapes() throws Exception {
        JsonNode sent = wire(new MessageSent("CONV-1", message)).get("message");
        assertThat(keys(sent)).isEqualTo(List.of("conversation_id", "message"));
        JsonNode status = wire(new MessageStatusUpdate("mid-1", "delivered", "MSG-1")).get("message");
        assertThat(keys(status)).isEqualTo(List.of("message_id", "status", "name"));
        assertThat(status.get("status").asText()).isEqualTo("delivered");
    }

    @Test
    void redisJsonIsFrappesPublishRealtimeMessageWithTheSiteAsNamespace() throws Exception {
        JsonNode n = mapper.readTree(json.toRedisJson(RealtimeEvent.toAll(new UnreadUpdate("CONV-1", 2)), "crm.local"));
        assertThat(keys(n)).isEqualTo(List.of("event", "message", "room", "namespace"));
        assertThat(n.get("namespace").asText()).isEqualTo("crm.local");
        assertThat(n.get("message")).isEqualTo(mapper.readTree("{\"conversation_id\":\"CONV-1\",\"unread_count\":2}"));
    }

    @Test
    void aRedisMessageNeedsASiteName() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> json.toRedisJson(RealtimeEvent.toAll(new UnreadUpdate("C", 1)), " "));
    }

    @Test
    void everyEventDecodesBackToItself() {
        EventDecoder decoder = new EventDecoder();
        List<MessengerEvent> events = List.of(new ConversationUpdate(conversation), new MessageUpdate(message, "CONV-1"),
                new UnreadUpdate("CONV-1", 4), new MessageSent("CONV-1", message),
                new MessageStatusUpdate("mid", "read", "MSG-1"), new BlockStatusUpdate("CONV-1", true));
        for (MessengerEvent e : events) {
            Map<String, Object> payload = mapper.convertValue(e.payload(), Map.class);
            assertThat(decoder.decode(e.eventName(), payload).orElseThrow()).as(e.eventName()).isEqualTo(e);
        }
    }

    @Test
    void decodingAMalformedPayloadNamesTheMissingField() {
        IllegalArgumentException e = assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new EventDecoder().decode(UnreadUpdate.NAME, Map.of("unread_count", 1)))
                .actual();
        assertThat(e.getMessage()).contains("conversation_id");
        assertThat(new EventDecoder().decode("list_update", Map.of())).isEmpty();
    }
}
