package io.github.frappemessenger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        assertEquals("messenger:conversation_update", n.get("event").asText());
        assertEquals("all", n.get("room").asText());
        JsonNode p = n.get("message");
        assertEquals(List.of("conversation", "type"), keys(p));
        assertEquals("update", p.get("type").asText());
        JsonNode c = p.get("conversation");
        assertEquals("CONV-1", c.get("name").asText());
        assertEquals("42", c.get("sender_id").asText());
        assertEquals("Messenger", c.get("platform").asText());
        assertEquals("hello", c.get("last_message").asText());
        assertEquals("2026-11-20 10:00:00", c.get("last_message_time").asText());
        assertEquals(0, c.get("block_chat").asInt());
    }

    @Test
    void messageUpdateCarriesTheMessageConversationIdAndTypeNew() throws Exception {
        JsonNode p = wire(new MessageUpdate(message, "CONV-1")).get("message");
        assertEquals(List.of("message", "conversation_id", "type"), keys(p));
        assertEquals("new", p.get("type").asText());
        assertEquals("CONV-1", p.get("conversation_id").asText());
        assertEquals("MSG-1", p.get("message").get("name").asText());
        assertEquals("Incoming", p.get("message").get("message_direction").asText());
        assertEquals(0, p.get("message").get("is_read").asInt());
        assertEquals("Messenger Message", p.get("message").get("doctype").asText());
    }

    @Test
    void unreadUpdateCarriesAnIntegerCount() throws Exception {
        JsonNode p = wire(new UnreadUpdate("CONV-1", 3)).get("message");
        assertEquals(List.of("conversation_id", "unread_count"), keys(p));
        assertEquals(3, p.get("unread_count").asInt());
        assertEquals(true, p.get("unread_count").isIntegralNumber());
    }

    @Test
    void messageSentAndStatusUpdateHaveTheirShapes() throws Exception {
        JsonNode sent = wire(new MessageSent("CONV-1", message)).get("message");
        assertEquals(List.of("conversation_id", "message"), keys(sent));
        JsonNode status = wire(new MessageStatusUpdate("mid-1", "delivered", "MSG-1")).get("message");
        assertEquals(List.of("message_id", "status", "name"), keys(status));
        assertEquals("delivered", status.get("status").asText());
    }

    @Test
    void redisJsonIsFrappesPublishRealtimeMessageWithTheSiteAsNamespace() throws Exception {
        JsonNode n = mapper.readTree(json.toRedisJson(RealtimeEvent.toAll(new UnreadUpdate("CONV-1", 2)), "crm.local"));
        assertEquals(List.of("event", "message", "room", "namespace"), keys(n));
        assertEquals("crm.local", n.get("namespace").asText());
        assertEquals(mapper.readTree("{\"conversation_id\":\"CONV-1\",\"unread_count\":2}"), n.get("message"));
    }

    @Test
    void aRedisMessageNeedsASiteName() {
        assertThrows(IllegalArgumentException.class,
                () -> json.toRedisJson(RealtimeEvent.toAll(new UnreadUpdate("C", 1)), " "));
    }

    @Test
    void everyEventDecodesBackToItself() {
        EventDecoder decoder = new EventDecoder();
        List<MessengerEvent> events = List.of(new ConversationUpdate(conversation), new MessageUpdate(message, "CONV-1"),
                new UnreadUpdate("CONV-1", 4), new MessageSent("CONV-1", message),
                new MessageStatusUpdate("mid", "read", "MSG-1"), new BlockStatusUpdate("CONV-1", true));
        for (MessengerEvent e : events) {
            Map<String, Object> payload = mapper.convertValue(e.payload(), Map.class);
            assertEquals(e, decoder.decode(e.eventName(), payload).orElseThrow(), e.eventName());
        }
    }

    @Test
    void decodingAMalformedPayloadNamesTheMissingField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EventDecoder().decode(UnreadUpdate.NAME, Map.of("unread_count", 1)));
        assertEquals(true, e.getMessage().contains("conversation_id"), e.getMessage());
        assertEquals(true, new EventDecoder().decode("list_update", Map.of()).isEmpty());
    }
}
