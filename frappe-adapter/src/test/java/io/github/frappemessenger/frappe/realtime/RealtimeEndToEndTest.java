package io.github.frappemessenger.frappe.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.Subscription;
import io.github.frappemessenger.event.BlockStatusUpdate;
import io.github.frappemessenger.event.ConversationUpdate;
import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.event.MessengerEvent;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.event.Room;
import io.github.frappemessenger.event.UnreadUpdate;
import io.github.frappemessenger.inbox.MessengerInbox;
import io.github.frappemessenger.internal.FrappeDates;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Java emitter -> Redis (127.0.0.1:6379) -> Node relay (Socket.IO v4, Frappe's rules) -> Java client. */
class RealtimeEndToEndTest {
    private static final String SITE = "e2e-" + UUID.randomUUID().toString().substring(0, 8) + ".example.test";
    private static final String CHANNEL = "events-e2e-" + UUID.randomUUID();
    private static final String SITE_URL = "http://127.0.0.1:8000";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static NodeRelay relay;
    private static RedisRealtimeEmitter emitter;

    @BeforeAll
    static void startRelay() throws Exception {
        relay = NodeRelay.start(0, CHANNEL, "keyA:secretA=a@example.com,keyB:secretB=b@example.com");
        emitter = RedisRealtimeEmitter.builder().redisUri("redis://127.0.0.1:6379").siteName(SITE).channel(CHANNEL)
                .build();
    }

    @AfterAll
    static void stopRelay() {
        if (emitter != null) {
            emitter.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    private static FrappeRealtimeClient.Builder client(String key, String secret) {
        return FrappeRealtimeClient.builder().siteUrl(SITE_URL).socketIoUrl(relay.url()).siteName(SITE)
                .apiToken(key, secret);
    }

    @Test
    void eachClientHearsItsUserRoomAndRoomAllWithPayloadsUnchanged() throws Exception {
        MessengerConversation conversation = new MessengerConversation("CONV-7", "psid-7", "Facebook", "héllo ✓",
                FrappeDates.parse("2024-05-01 10:00:00.250000"), false, "Open", Map.of("custom_tag", "vip"));
        MessengerMessage message = MessengerMessage.fromDoc(Map.of("name", "MSG-1", "message", "héllo ✓",
                "conversation", "CONV-7", "message_direction", "Incoming", "timestamp", "2024-05-01 10:00:00.250000"));
        RealtimeEvent forA = new RealtimeEvent(new UnreadUpdate("CONV-7", 3), Room.user("a@example.com"));
        RealtimeEvent forAll = RealtimeEvent.toAll(new ConversationUpdate(conversation));
        RealtimeEvent forB = new RealtimeEvent(new MessageUpdate(message, "CONV-7"), Room.user("b@example.com"));
        RealtimeEvent marker = RealtimeEvent.toAll(new BlockStatusUpdate("CONV-0", false));

        MessengerInbox inboxA = new MessengerInbox();
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        try (FrappeRealtimeClient clientA = client("keyA", "secretA").inbox(inboxA).build();
             FrappeRealtimeClient clientB = client("keyB", "secretB").build()) {
            for (String name : List.of(UnreadUpdate.NAME, ConversationUpdate.NAME, MessageUpdate.NAME,
                    BlockStatusUpdate.NAME)) {
                clientA.on(name, a);
                clientB.on(name, b);
            }
            clientA.connect();
            clientB.connect();
            await().until(() -> clientA.isConnected() && clientB.isConnected());

            emitter.publishAll(List.of(forA, forAll, forB, marker));

            // Each client hears the marker last, so anything meant for the other would have arrived before it.
            await().until(() -> a.eventNames().contains(BlockStatusUpdate.NAME)
                    && b.eventNames().contains(BlockStatusUpdate.NAME));
            assertThat(a.events()).isEqualTo(heard(forA, forAll, marker));
            assertThat(b.events()).isEqualTo(heard(forAll, forB, marker));
            assertThat(inboxA.conversations().get(0).lastMessage()).isEqualTo("héllo ✓");
        }
    }

    @Test
    void aClosedSubscriptionHearsNothingMoreWhileTheOthersStillHear() {
        Recorder closed = new Recorder();
        Recorder kept = new Recorder();
        try (FrappeRealtimeClient client = client("keyA", "secretA").build()) {
            // Registered first, so it is called before the kept one for each event on the client's event thread.
            Subscription subscription = client.on(BlockStatusUpdate.NAME, closed);
            client.on(BlockStatusUpdate.NAME, kept);
            client.connect();
            await().until(client::isConnected);

            emitter.publishAll(List.of(RealtimeEvent.toAll(new BlockStatusUpdate("SUB-1", false))));
            await().until(() -> kept.events().size() == 1);
            assertThat(closed.events()).hasSize(1);
            subscription.close();
            subscription.close(); // a second close does nothing
            emitter.publishAll(List.of(RealtimeEvent.toAll(new BlockStatusUpdate("SUB-2", true))));
            await().until(() -> kept.events().size() == 2);

            assertThat(closed.events().stream().map(h -> h.payload().get("conversation_id")).toList())
                    .isEqualTo(List.of("SUB-1"));
            assertThat(kept.events().get(1).payload().get("conversation_id")).isEqualTo("SUB-2");
        }
    }

    @Test
    void aWrongTokenIsRefusedAndReported() {
        Recorder recorder = new Recorder();
        try (FrappeRealtimeClient client = client("keyA", "wrong").build()) {
            client.onConnectionChange(recorder);
            client.connect();
            await().until(() -> recorder.connectErrors().stream().anyMatch(m -> m.startsWith("Unauthorized")));
            assertThat(client.isConnected()).isFalse();
        }
    }

    @Test
    void aSocketWithoutCookieIsRefused() {
        Map<String, List<String>> headers = frappeHeaders();
        headers.remove("Cookie");
        assertThat(refusal("/" + SITE, headers)).isEqualTo("No cookie transmitted.");
    }

    @Test
    void aSocketForAnotherSitesNamespaceIsRefused() {
        assertThat(refusal("/other-site.example.test", frappeHeaders())).isEqualTo("Invalid namespace");
    }

    @Test
    void aSocketFromAnotherOriginIsRefused() {
        Map<String, List<String>> headers = frappeHeaders();
        headers.put("Origin", List.of("http://evil.example.test"));
        assertThat(refusal("/" + SITE, headers)).isEqualTo("Invalid origin");
    }

    @Test
    void theHeadersOfTheRealClientAreAccepted() {
        assertThat(refusal("/" + SITE, frappeHeaders())).isEqualTo("connected");
    }

    private static Map<String, List<String>> frappeHeaders() {
        return new LinkedHashMap<>(FrappeSocketOptions.headers(URI.create(SITE_URL), SITE, null, "keyA", "secretA"));
    }

    /** Connects a bare socket.io client with these headers; returns the server's refusal message or "connected". */
    private static String refusal(String namespace, Map<String, List<String>> headers) {
        IO.Options options = new IO.Options();
        options.forceNew = true;
        options.reconnection = false;
        options.extraHeaders = headers;
        Socket socket = IO.socket(URI.create(relay.url() + namespace), options);
        List<String> outcome = new ArrayList<>();
        socket.on(Socket.EVENT_CONNECT, args -> add(outcome, "connected"));
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> add(outcome,
                args[0] instanceof JSONObject json ? json.optString("message") : String.valueOf(args[0])));
        socket.connect();
        try {
            await().until(() -> first(outcome) != null);
            return first(outcome);
        } finally {
            socket.close();
        }
    }

    private static void add(List<String> list, String value) {
        synchronized (list) {
            list.add(value);
        }
    }

    private static String first(List<String> list) {
        synchronized (list) {
            return list.isEmpty() ? null : list.get(0);
        }
    }

    /** What a listener should hear for these events: the name and the payload as its JSON text reads back. */
    private static List<Recorder.Heard> heard(RealtimeEvent... events) throws Exception {
        List<Recorder.Heard> expected = new ArrayList<>();
        for (RealtimeEvent e : events) {
            MessengerEvent event = e.event();
            Map<String, Object> payload = MAPPER.readValue(MAPPER.writeValueAsString(event.payload()),
                    new TypeReference<>() {
                    });
            expected.add(new Recorder.Heard(event.eventName(), payload));
        }
        assertThat(expected).hasSize(events.length);
        return expected;
    }
}
