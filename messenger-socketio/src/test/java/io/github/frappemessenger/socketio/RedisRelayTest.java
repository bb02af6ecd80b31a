package io.github.frappemessenger.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The server as the JVM replacement of Frappe's Node relay: Frappe's Redis messages in, Socket.IO events out, with
 * the history in a Redis Stream so that a resuming client gets what it missed.
 */
class RedisRelayTest {
    private static final String SITE = "relay.localhost";
    private static final String CHANNEL = "test:serve:events:" + UUID.randomUUID();
    private static final String PREFIX = "test:serve:" + UUID.randomUUID();
    private static MessengerSocketServer server;
    private static RedisEventsRelay relay;
    private static RedisStreamHistory history;
    private static int port;

    @BeforeAll
    static void start() {
        history = RedisStreamHistory.connect("redis://127.0.0.1:6379", SITE, 5_000, Duration.ofMinutes(5), PREFIX,
                Clock.systemUTC());
        server = MessengerSocketServer.builder().site(SITE).port(0)
                .authenticator(TokenAuthenticator.parse("agent@example.com=k1:s1"))
                .history(history).build().start();
        port = server.port();
        relay = new RedisEventsRelay(server, "redis://127.0.0.1:6379", CHANNEL).start();
        await().atMost(Duration.ofSeconds(10)).until(relay::subscribed);
    }

    @AfterAll
    static void stop() {
        relay.close();
        history.deleteAll();
        server.close();
    }

    private static void frappePublishes(String json) {
        try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
            jedis.publish(CHANNEL, json);
        }
    }

    @Test
    void frappesRedisMessagesOfThisSiteReachTheRoomAndOthersDoNot() {
        try (TestSocket agent = new TestSocket(port, "/" + SITE, TestSocket.deskHeaders(port, "k1:s1"), false)) {
            agent.connect();
            await().atMost(Duration.ofSeconds(15)).until(() -> agent.resumes().size() == 1);

            frappePublishes("{\"event\":\"messenger:unread_update\",\"message\":{\"conversation_id\":\"C1\","
                    + "\"unread_count\":2},\"room\":\"all\",\"namespace\":\"other.site\"}");
            frappePublishes("{\"event\":\"list_update\",\"message\":{\"doctype\":\"ToDo\"},\"room\":\"website\","
                    + "\"namespace\":\"" + SITE + "\"}");
            frappePublishes("{\"event\":\"build\",\"message\":{},\"room\":null,\"namespace\":null}");
            frappePublishes("not json");
            frappePublishes("{\"event\":\"messenger:unread_update\",\"message\":{\"conversation_id\":\"C1\","
                    + "\"unread_count\":3},\"room\":\"all\",\"namespace\":\"" + SITE + "\"}");

            await().atMost(Duration.ofSeconds(5)).until(() -> agent.heard().size() == 1);
            TestSocket.Heard heard = agent.heard().get(0);
            assertThat(heard.event()).isEqualTo("messenger:unread_update");
            assertThat(heard.payload()).isEqualTo(Map.of("conversation_id", "C1", "unread_count", 3));
            assertThat(heard.epoch()).isEqualTo(history.epoch());
            assertThat(relay.skippedCount()).isEqualTo(4);
        }
    }

    @Test
    void aClientAwayWhileFrappePublishedGetsWhatItMissedFromTheRedisStream() {
        try (TestSocket agent = new TestSocket(port, "/" + SITE, TestSocket.deskHeaders(port, "k1:s1"), true)) {
            agent.connect();
            await().atMost(Duration.ofSeconds(15)).until(() -> agent.resumes().size() == 1);
            agent.disconnect();
            long before = relay.relayedCount();
            for (int i = 0; i < 200; i++) {
                frappePublishes("{\"event\":\"messenger:unread_update\",\"message\":{\"conversation_id\":\"C"
                        + i + "\",\"unread_count\":1},\"room\":\"all\",\"namespace\":\"" + SITE + "\"}");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> relay.relayedCount() == before + 200);
            agent.connect();

            await().atMost(Duration.ofSeconds(15)).until(() -> agent.resumes().size() == 2);
            assertThat(agent.resumes().get(1).getBoolean("recovered")).isTrue();
            List<Map<String, Object>> expected = IntStream.range(0, 200)
                    .mapToObj(i -> Map.<String, Object>of("conversation_id", "C" + i, "unread_count", 1)).toList();
            assertThat(agent.heard().stream().map(TestSocket.Heard::payload).toList())
                    .as(() -> "offsets heard: " + agent.heard().stream().map(TestSocket.Heard::offset).toList()
                        + " resumes: " + agent.resumes())
                    .isEqualTo(expected);
        }
    }
}
