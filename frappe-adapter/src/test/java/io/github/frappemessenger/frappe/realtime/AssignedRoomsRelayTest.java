package io.github.frappemessenger.frappe.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.frappemessenger.event.ConversationUpdate;
import io.github.frappemessenger.event.MessageStatusUpdate;
import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.event.UnreadUpdate;
import io.github.frappemessenger.frappe.internal.bridge.RoomSettings;
import io.github.frappemessenger.frappe.internal.site.FrappeRoleMembers;
import io.github.frappemessenger.frappe.site.FrappeSite;
import io.github.frappemessenger.frappe.site.FrappeStandIn;
import io.github.frappemessenger.inbox.MessengerInbox;
import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.model.MessengerMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code assigned} room policy through the real Socket.IO relay: agent A hears the conversation assigned to her,
 * the manager hears it too, agent B does not; an unassigned conversation goes to room {@code all}.
 */
class AssignedRoomsRelayTest {
    private static final String SITE = "rooms-" + UUID.randomUUID().toString().substring(0, 8) + ".example.test";
    private static final String CHANNEL = "events-rooms-" + UUID.randomUUID();
    private static final List<String> EVENTS = List.of(ConversationUpdate.NAME, MessageUpdate.NAME,
            UnreadUpdate.NAME, MessageStatusUpdate.NAME);

    private final FrappeStandIn frappe = new FrappeStandIn();
    private NodeRelay relay;
    private RedisRealtimeEmitter emitter;

    @BeforeEach
    void start() throws Exception {
        relay = NodeRelay.start(0, CHANNEL,
                "keyA:secretA=a@example.com,keyB:secretB=b@example.com,keyM:secretM=boss@example.com");
        emitter = RedisRealtimeEmitter.builder().redisUri("redis://127.0.0.1:6379").siteName(SITE).channel(CHANNEL)
                .build();
        frappe.seed("Messenger Conversation", Map.of("name", "CONV-A", "platform", "Messenger", "sender_id", "1",
                "status", "Open", "block_chat", 0, "_assign", "[\"a@example.com\"]"));
        frappe.seed("Messenger Conversation", Map.of("name", "CONV-U", "platform", "Messenger", "sender_id", "2",
                "status", "Open", "block_chat", 0));
        frappe.seed("Has Role", Map.of("name", "ROLE-1", "parent", "boss@example.com", "parenttype", "User",
                "role", "Sales Manager"));
        frappe.seed("Has Role", Map.of("name", "ROLE-2", "parent", "b@example.com", "parenttype", "User",
                "role", "Sales User"));
    }

    @AfterEach
    void stop() {
        emitter.close();
        relay.close();
        frappe.close();
    }

    @Test
    void agentAHearsHerConversationAgentBDoesNotAndTheManagerHearsAll() throws Exception {
        RoomSettings assigned = new RoomSettings(true, Optional.of("Sales Manager"), Optional.empty());
        MessengerLifecycle lifecycle = FrappeSite.builder(frappe.client(), SITE).build().lifecycleBuilder()
                .realtimePublisher(emitter)
                .roomPolicy(assigned.policy(new FrappeRoleMembers(frappe.client(), Duration.ofSeconds(30),
                        Clock.systemUTC())))
                .build();
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        Recorder boss = new Recorder();
        MessengerInbox inboxB = new MessengerInbox();
        try (FrappeRealtimeClient clientA = client("keyA", "secretA", a, null);
             FrappeRealtimeClient clientB = client("keyB", "secretB", b, inboxB);
             FrappeRealtimeClient clientM = client("keyM", "secretM", boss, null)) {
            await().until(() -> clientA.isConnected() && clientB.isConnected() && clientM.isConnected());

            assertThat(lifecycle.onUpdate(incoming("MSG-1", "CONV-A")).failed()).isFalse();
            assertThat(lifecycle.onUpdate(incoming("MSG-2", "CONV-U")).failed()).isFalse(); // to room all: the marker

            await().until(() -> a.events().size() == 8 && b.events().size() == 4 && boss.events().size() == 8);
            assertThat(a.events().stream().map(AssignedRoomsRelayTest::conversationOf).toList())
                    .containsExactly("CONV-A", "CONV-A", "CONV-A", "CONV-A", "CONV-U", "CONV-U", "CONV-U", "CONV-U");
            assertThat(boss.events()).as("the manager hears what the assignee hears").isEqualTo(a.events());
            assertThat(b.events().stream().map(AssignedRoomsRelayTest::conversationOf).toList())
                    .as("B heard the unassigned conversation only, never A's")
                    .containsExactly("CONV-U", "CONV-U", "CONV-U", "CONV-U");
            assertThat(inboxB.conversations().stream().map(c -> c.name()).toList()).containsExactly("CONV-U");
        }
    }

    private FrappeRealtimeClient client(String key, String secret, Recorder recorder, MessengerInbox inbox) {
        FrappeRealtimeClient.Builder builder = FrappeRealtimeClient.builder().siteUrl("http://127.0.0.1:8000")
                .socketIoUrl(relay.url()).siteName(SITE).apiToken(key, secret);
        FrappeRealtimeClient client = (inbox == null ? builder : builder.inbox(inbox)).build();
        EVENTS.forEach(name -> client.on(name, recorder));
        return client.connect();
    }

    private static String conversationOf(Recorder.Heard heard) {
        Object id = heard.payload().get("conversation_id");
        if (id == null) {
            id = ((Map<?, ?>) heard.payload().get("conversation")).get("name");
        }
        return id.toString();
    }

    private static MessengerMessage incoming(String name, String conversation) {
        return MessengerMessage.fromDoc(Map.of("name", name, "message_id", "mid-" + name, "message", "hi",
                "sender_id", conversation.equals("CONV-A") ? "1" : "2", "timestamp", "2026-11-20 10:00:00",
                "message_direction", "Incoming", "conversation", conversation, "status", "received",
                "platform", "Messenger"));
    }
}
