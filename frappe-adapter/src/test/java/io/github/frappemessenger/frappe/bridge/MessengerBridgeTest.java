package io.github.frappemessenger.frappe.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.frappe.realtime.RedisSubscriber;
import io.github.frappemessenger.frappe.site.FrappeStandIn;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole bridge as {@code java -jar ... bridge} runs it: Frappe's exact webhook bytes over real HTTP, the REST
 * calls to a Frappe stand-in, and the events on the real Redis in Frappe's realtime format.
 */
class MessengerBridgeTest {
    private static final String SECRET = "test-webhook-secret";
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String site = "bridge-" + UUID.randomUUID().toString().substring(0, 8) + ".local";
    private final FrappeStandIn frappe = new FrappeStandIn();
    @TempDir
    Path journal;
    private MessengerBridge bridge;
    private RedisSubscriber redis;

    @BeforeEach
    void start() throws Exception {
        Map<String, Object> stored = new HashMap<>();
        mapper.readTree(fixture("webhook-after_insert-messenger-message.body")).fields()
                .forEachRemaining(e -> stored.put(e.getKey(), mapper.convertValue(e.getValue(), Object.class)));
        frappe.seed("Messenger Message", stored);
        redis = RedisSubscriber.subscribe(6379, "events");
        bridge = MessengerBridge.start(BridgeConfig.fromEnvironment(Map.of(
                "FRAPPE_URL", frappe.client().baseUrl().toString(),
                "FRAPPE_API_KEY", "bridge-key", "FRAPPE_API_SECRET", "bridge-secret",
                "FRAPPE_SITE", site, "REDIS_URL", "redis://127.0.0.1:6379",
                "WEBHOOK_SECRET", SECRET, "BRIDGE_PORT", "0", "BRIDGE_JOURNAL_DIR", journal.toString(),
                "CATCHUP_INTERVAL_S", "0")));
    }

    @AfterEach
    void stop() throws Exception {
        bridge.close();
        redis.close();
        frappe.close();
    }

    @Test
    void frappesAfterInsertAndOnUpdateWebhooksBecomeTheMessengerEventsOnRedis() throws Exception {
        byte[] body = fixture("webhook-after_insert-messenger-message.body");
        String signature = new String(fixture("webhook-after_insert-messenger-message.headers"),
                StandardCharsets.UTF_8).split(":", 2)[1].strip();

        assertThat(post("after_insert", body, signature).statusCode()).isEqualTo(200);
        assertThat(post("on_update", body, signature).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> ours().size() >= 4);
        List<JsonNode> events = ours();
        assertThat(events.stream().map(e -> e.get("event").asText()).toList())
                .isEqualTo(List.of("messenger:conversation_update", "messenger:message_update",
                        "messenger:unread_update", "messenger:message_status_update"));
        String conversation = frappe.all("Messenger Conversation").get(0).get("name").toString();
        assertThat(frappe.all("Messenger Conversation").size()).isEqualTo(1);
        assertThat(frappe.all("Messenger Message").get(0).get("conversation")).isEqualTo(conversation);
        JsonNode unread = events.get(2);
        assertThat(unread.get("room").asText()).isEqualTo("all");
        assertThat(unread.get("message").get("conversation_id").asText()).isEqualTo(conversation);
        assertThat(unread.get("message").get("unread_count").asInt()).isEqualTo(1);
        assertThat(events.get(0).get("message").get("conversation").get("sender_id").asText())
                .isEqualTo("6543210987654321");
    }

    @Test
    void anUnsignedWebhookIsRefusedAndChangesNothing() throws Exception {
        HttpResponse<String> response = post("after_insert",
                fixture("webhook-after_insert-messenger-message.body"), null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(frappe.all("Messenger Conversation").size()).isEqualTo(0);
    }

    @Test
    void healthReportsEachPartUpWithTheEmitterAndJournalFigures() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + bridge.port() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode checks = mapper.readTree(response.body()).get("checks");
        assertThat(checks.get("frappe").asText()).isEqualTo("up");
        assertThat(checks.get("redis").asText()).isEqualTo("up");
        assertThat(checks.get("sender").asText()).isEqualTo("up");
        assertThat(checks.get("emitter_buffer").asText()).isEqualTo("up");
        JsonNode body = mapper.readTree(response.body());
        assertThat(body.get("emitter").get("pending").asInt()).as(response.body()).isEqualTo(0);
        assertThat(body.get("emitter").get("sender_restarts").asInt()).as(response.body()).isEqualTo(0);
        assertThat(body.get("emitter").get("dropped").asInt()).as(response.body()).isEqualTo(0);
        assertThat(body.get("journal").get("backlog").asInt()).as(response.body()).isEqualTo(0);
        assertThat(body.get("journal").get("workers_running").asBoolean()).as(response.body()).isTrue();
    }

    @Test
    void healthIs503WhileEventsCannotBeDelivered() throws Exception {
        bridge.emitter().close(); // as if the sender were gone

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + bridge.port() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(mapper.readTree(response.body()).get("checks").get("sender").asText()).isEqualTo("down");
    }

    private List<JsonNode> ours() throws Exception {
        List<JsonNode> mine = new ArrayList<>();
        for (String text : redis.messages()) {
            JsonNode n = mapper.readTree(text);
            if (site.equals(n.path("namespace").asText())) {
                mine.add(n);
            }
        }
        return mine;
    }

    private HttpResponse<String> post(String event, byte[] body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + bridge.port() + "/webhooks/frappe/" + event))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Frappe-Webhook-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] fixture(String name) throws Exception {
        try (InputStream in = MessengerBridgeTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        }
    }
}
