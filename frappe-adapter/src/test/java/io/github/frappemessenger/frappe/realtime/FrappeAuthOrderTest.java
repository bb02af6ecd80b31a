package io.github.frappemessenger.frappe.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.frappemessenger.event.BlockStatusUpdate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The client's headers against both orders in which Frappe's realtime servers weigh credentials: token first (current
 * Frappe) and session cookie first (Frappe v15 before March 2025, where a {@code sid} cookie wins over the token).
 * A token client must be a System User (room {@code all}) on both.
 */
class FrappeAuthOrderTest {
    private static final String SITE = "auth-" + UUID.randomUUID().toString().substring(0, 8) + ".example.test";
    private static final String CHANNEL = "events-auth-" + UUID.randomUUID();
    private static final String TOKENS = "keyA:secretA=a@example.com";

    private static NodeRelay tokenFirst;
    private static NodeRelay sidFirst;

    @BeforeAll
    static void start() throws Exception {
        tokenFirst = NodeRelay.start(0, CHANNEL, TOKENS, Map.of("RELAY_AUTH_ORDER", "token-first"));
        sidFirst = NodeRelay.start(0, CHANNEL, TOKENS, Map.of("RELAY_AUTH_ORDER", "sid-first",
                "RELAY_SIDS", "sess-a=a@example.com"));
    }

    @AfterAll
    static void stop() {
        for (NodeRelay relay : new NodeRelay[] {tokenFirst, sidFirst}) {
            if (relay != null) {
                relay.close();
            }
        }
    }

    private static FrappeRealtimeClient.Builder client(NodeRelay relay) {
        return FrappeRealtimeClient.builder().siteUrl("http://127.0.0.1:8000").socketIoUrl(relay.url())
                .siteName(SITE).apiToken("keyA", "secretA");
    }

    @Test
    void aTokenClientHearsRoomAllOnATokenFirstServer() throws Exception {
        assertThat(roomsHeard(client(tokenFirst))).containsExactly("all", "user", "website");
    }

    @Test
    void aTokenClientHearsRoomAllOnASidFirstServerToo() throws Exception {
        assertThat(roomsHeard(client(sidFirst))).containsExactly("all", "user", "website");
    }

    @Test
    void aSessionClientIsTheSessionsUserOnASidFirstServer() throws Exception {
        assertThat(roomsHeard(FrappeRealtimeClient.builder().siteUrl("http://127.0.0.1:8000")
                .socketIoUrl(sidFirst.url()).siteName(SITE).sid("sess-a"))).containsExactly("all", "user", "website");
    }

    /** The trap the client avoids: sid=Guest beside a token joins a sid-first server as Guest, which hears no room all. */
    @Test
    void sidGuestBesideATokenJoinsASidFirstServerAsGuest() throws Exception {
        assertThat(roomsHeard(client(sidFirst).sid("Guest"))).containsExactly("website");
    }

    /**
     * Connects, then publishes (as frappe.publish_realtime does, straight into Redis) one event to each of room
     * {@code all}, {@code user:a@example.com} and {@code website}, then a last one to {@code website}, which every
     * socket joins: when it arrives, so has everything before it. (Only this test writes to room website, to see
     * who is a guest; the messenger never does.) Returns the rooms heard, in order.
     */
    private static List<String> roomsHeard(FrappeRealtimeClient.Builder builder) throws Exception {
        Recorder recorder = new Recorder();
        try (FrappeRealtimeClient client = builder.build(); Jedis redis = new Jedis("127.0.0.1", 6379)) {
            client.on(BlockStatusUpdate.NAME, recorder);
            client.connect();
            await().atMost(Duration.ofSeconds(20)).until(client::isConnected);
            String run = UUID.randomUUID().toString();
            for (String room : List.of("all", "user:a@example.com", "website", "website")) {
                String label = (room.startsWith("user:") ? "user" : room) + "-" + run;
                redis.publish(CHANNEL, "{\"event\": \"" + BlockStatusUpdate.NAME + "\", \"message\": {\"conversation_id\": \""
                        + label + "\", \"blocked\": 1}, \"room\": \"" + room + "\", \"namespace\": \"" + SITE + "\"}");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> conversations(recorder).stream()
                    .filter(c -> c.equals("website-" + run)).count() == 2);
            List<String> heard = conversations(recorder).stream().filter(c -> c.endsWith(run))
                    .map(c -> c.substring(0, c.indexOf('-'))).toList();
            return heard.subList(0, heard.size() - 1);
        }
    }

    private static List<String> conversations(Recorder recorder) {
        return recorder.events().stream().map(h -> String.valueOf(h.payload().get("conversation_id"))).toList();
    }
}
