package io.github.frappemessenger.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.event.UnreadUpdate;
import io.github.frappemessenger.frappe.realtime.NodeRelay;
import io.github.frappemessenger.frappe.realtime.RedisRealtimeEmitter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * {@code demo --redis} → Redis → the Socket.IO relay (our stand-in for Frappe's realtime server) → {@code listen}:
 * every event the demo prints arrives at the listener, in order, with the same payload.
 */
class ListenEndToEndTest {
    private static final String REDIS = "redis://127.0.0.1:6379";
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void listenHearsEveryEventTheDemoSendsThroughRedisUnchangedAndInOrder() throws Exception {
        String site = "listen-" + UUID.randomUUID().toString().substring(0, 8) + ".local";
        ByteArrayOutputStream heard = new ByteArrayOutputStream();
        CountDownLatch stop = new CountDownLatch(1);
        ExecutorService listener = Executors.newSingleThreadExecutor();
        try (NodeRelay relay = NodeRelay.start(0, "events", "k:s=agent@example.com");
             MockWebServer frappe = emptySite()) {
            Map<String, String> env = Map.of("FRAPPE_URL", "http://127.0.0.1:" + frappe.getPort(),
                    "FRAPPE_SITE", site, "FRAPPE_SOCKETIO_URL", relay.url(),
                    "FRAPPE_API_KEY", "k", "FRAPPE_API_SECRET", "s");
            Future<Integer> listening = listener.submit(() -> new ListenCommand(env,
                    new PrintStream(heard, true, StandardCharsets.UTF_8), System.err, stop).run(new String[0]));
            awaitConnected(site, heard);
            heard.reset();

            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            int code = new DemoCommand(new ByteArrayInputStream(new byte[0]),
                    new PrintStream(printed, true, StandardCharsets.UTF_8), System.err)
                    .run(new String[] {"--redis", REDIS, "--site", site});
            assertThat(code).isEqualTo(0);

            List<JsonNode> sent = lines(printed);
            // A probe still in flight when the listener first printed may arrive after the reset: not the demo's.
            await().atMost(Duration.ofSeconds(20)).until(() -> withoutProbes(lines(heard)).size() >= sent.size());
            List<JsonNode> received = withoutProbes(lines(heard));
            assertThat(received).hasSize(sent.size());
            for (int i = 0; i < sent.size(); i++) {
                assertThat(received.get(i).get("event")).as("event " + i).isEqualTo(sent.get(i).get("event"));
                assertThat(received.get(i).get("message")).as("payload " + i).isEqualTo(sent.get(i).get("message"));
            }
            stop.countDown();
            assertThat(listening.get()).isEqualTo(0);
        } finally {
            stop.countDown();
            listener.shutdownNow();
        }
    }

    /** Sends probe events until the listener prints one: then its socket has joined the site's namespace. */
    private void awaitConnected(String site, ByteArrayOutputStream heard) {
        try (RedisRealtimeEmitter probe = RedisRealtimeEmitter.builder().redisUri(REDIS).siteName(site).build()) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                probe.publish(RealtimeEvent.toAll(new UnreadUpdate("probe", 0)));
                return !lines(heard).isEmpty();
            });
            probe.flush(Duration.ofSeconds(2));
        }
    }

    private static List<JsonNode> withoutProbes(List<JsonNode> lines) {
        return lines.stream().filter(l -> !"probe".equals(l.path("message").path("conversation_id").asText()))
                .toList();
    }

    private List<JsonNode> lines(ByteArrayOutputStream stream) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : stream.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                nodes.add(mapper.readTree(line));
            }
        }
        return nodes;
    }

    /** A Frappe with no conversations and no unread messages, for the listener's poll and resync. */
    private static MockWebServer emptySite() throws Exception {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = request.getTarget().startsWith("/api/method/") ? "{\"message\": []}" : "{\"data\": []}";
                return new MockResponse.Builder().code(200).body(body).build();
            }
        });
        server.start();
        return server;
    }
}
