package io.github.frappemessenger.frappe.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.frappe.realtime.RedisSubscriber;
import io.github.frappemessenger.frappe.site.FrappeStandIn;
import io.github.frappemessenger.testing.MessengerDocs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge's new routes and rules over real HTTP and Redis: conversation saves become block and status events,
 * read receipts become unread counts, a provider retry is acknowledged and announced nowhere, and every event carries
 * a version that rises per conversation.
 */
class BridgeEventsTest {
    private static final String SECRET = "events-webhook-secret";
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String site = "events-" + UUID.randomUUID().toString().substring(0, 8) + ".local";
    private final FrappeStandIn frappe = new FrappeStandIn();
    private MessengerBridge bridge;
    private RedisSubscriber redis;

    @BeforeEach
    void start() throws Exception {
        redis = RedisSubscriber.subscribe(6379, "events");
        bridge = MessengerBridge.start(BridgeConfig.fromEnvironment(Map.of(
                "FRAPPE_URL", frappe.client().baseUrl().toString(),
                "FRAPPE_API_KEY", "bridge-key", "FRAPPE_API_SECRET", "bridge-secret",
                "FRAPPE_SITE", site, "REDIS_URL", "redis://127.0.0.1:6379",
                "WEBHOOK_SECRET", SECRET, "BRIDGE_PORT", "0")));
    }

    @AfterEach
    void stop() throws Exception {
        bridge.close();
        redis.close();
        frappe.close();
    }

    @Test
    void blockingAndClosingAConversationInTheDeskAreAnnouncedOnceEach() throws Exception {
        String conversation = insertMessage("MSG-1", "mid-1", "hi");
        await().until(() -> ours().size() == 4);

        Map<String, Object> doc = frappe.doc("Messenger Conversation", conversation);
        assertAccepted(deliver("on_update", saveConversation(doc, Map.of())).statusCode(), "our own PUT");
        assertAccepted(deliver("on_update", saveConversation(doc, Map.of("block_chat", 1))).statusCode());
        Map<String, Object> log = new LinkedHashMap<>(Map.of("status", "Closed",
                "changed_on", "2026-11-20 10:30:00.123456", "changed_by", "agent@example.com"));
        assertAccepted(deliver("on_update", saveConversation(doc,
                Map.of("block_chat", 1, "status", "Closed", "status_log", List.of(log)))).statusCode());

        await().until(() -> ours().size() == 6);
        List<JsonNode> events = ours();
        JsonNode block = events.get(4);
        assertThat(block.get("event").asText()).isEqualTo("messenger:block_status_update");
        assertThat(block.get("message")).isEqualTo(mapper.readTree("{\"conversation_id\": \"" + conversation
                + "\", \"blocked\": 1, \"version\": " + (version(events.get(3)) + 1) + "}"));
        JsonNode status = events.get(5);
        assertThat(status.get("event").asText()).isEqualTo("messenger:conversation_status_update");
        assertThat(status.get("message"))
                .isEqualTo(mapper.readTree("{\"conversation_id\": \"" + conversation + "\", \"status\": \"Closed\", "
                + "\"status_log\": {\"status\": \"Closed\", \"changed_on\": \"2026-11-20 10:30:00.123456\", "
                + "\"changed_by\": \"agent@example.com\"}, \"version\": " + (version(block) + 1) + "}"));
    }

    @Test
    void aMessageAfterABlockDoesNotShowTheConversationUnblockedFromTheCache() throws Exception {
        String conversation = insertMessage("MSG-1", "mid-1", "hi");
        await().until(() -> ours().size() == 4);
        Map<String, Object> doc = frappe.doc("Messenger Conversation", conversation);
        assertAccepted(deliver("on_update", saveConversation(doc, Map.of("block_chat", 1))).statusCode());
        await().until(() -> ours().size() == 5);

        // An older message (10:00, the conversation shows 10:01) writes nothing to the conversation, so the bridge
        // serves its cached doc, read before the block.
        insertMessage("MSG-0", "mid-0", "sent before, delivered late");
        await().until(() -> ours().size() == 9);
        JsonNode update = ours().get(5);
        assertThat(update.get("event").asText()).isEqualTo("messenger:conversation_update");
        assertThat(update.get("message").get("conversation").get("block_chat").asInt())
                .as("the block announced before is not undone by a stale doc").isEqualTo(1);
    }

    @Test
    void markingAMessageReadSendsTheNewUnreadCount() throws Exception {
        String conversation = insertMessage("MSG-1", "mid-1", "hi");
        await().until(() -> ours().size() == 4);
        // Heard is not yet done (the state is recorded after Redis's ack): a delivery behind an unfinished one of
        // the same doc is answered 202 and waits its turn; this test wants the plain 200 path.
        await().until(() -> bridge.backlog() == 0);
        Map<String, Object> read = new LinkedHashMap<>(frappe.doc("Messenger Message", "MSG-1"));
        read.put("is_read", 1);
        assertAccepted(deliver("on_update", frappe.save("Messenger Message", read)).statusCode());

        await().until(() -> ours().size() == 8);
        JsonNode unread = ours().get(6);
        assertThat(unread.get("event").asText()).isEqualTo("messenger:unread_update");
        assertThat(unread.get("message").get("conversation_id").asText()).isEqualTo(conversation);
        assertThat(unread.get("message").get("unread_count").asInt()).isEqualTo(0);
        List<Long> versions = ours().stream().map(BridgeEventsTest::version).toList();
        for (int i = 1; i < versions.size(); i++) {
            assertThat(versions.get(i)).as("consecutive versions of one conversation")
                    .isEqualTo(versions.get(i - 1) + 1);
        }
    }

    @Test
    void aProviderRetryIsAcknowledgedAndAnnouncedNowhere() throws Exception {
        String conversation = insertMessage("MSG-1", "mid-1", "hi");
        await().until(() -> ours().size() == 4);
        Object lastMessageTime = frappe.doc("Messenger Conversation", conversation).get("last_message_time");

        Map<String, Object> retry = frappe.save("Messenger Message", incoming("MSG-2", "mid-1", "hi",
                "2026-11-20 10:09:00"));
        HttpResponse<String> afterInsert = deliver("after_insert", retry);
        HttpResponse<String> onUpdate = deliver("on_update", retry);
        assertAccepted(afterInsert.statusCode(), afterInsert.body());
        assertAccepted(onUpdate.statusCode(), onUpdate.body());

        await().until(() -> bridge.backlog() == 0); // the retry's deliveries done, even if answered 202
        insertMessage("MSG-3", "mid-3", "a later real one"); // its events arrive after anything MSG-2 could cause
        await().until(() -> ours().size() == 8);
        assertThat(ours().stream().noneMatch(e -> e.toString().contains("MSG-2"))).as("nothing about the retry")
                .isTrue();
        assertThat(frappe.doc("Messenger Message", "MSG-2").get("conversation")).as("the retry is not linked").isNull();
        assertThat(ours().get(6).get("message").get("unread_count").asInt()).as("MSG-1 and MSG-3, not MSG-2")
                .isEqualTo(2);
        assertThat(lastMessageTime.toString().compareTo("2026-11-20 10:09:00") < 0).isTrue();
    }

    /** Stores an incoming message as Frappe would and delivers its after_insert and on_update; its conversation. */
    private String insertMessage(String name, String messageId, String text) throws Exception {
        Map<String, Object> stored = frappe.save("Messenger Message",
                incoming(name, messageId, text, "2026-11-20 10:0" + name.charAt(name.length() - 1) + ":00"));
        assertAccepted(deliver("after_insert", stored).statusCode());
        assertAccepted(deliver("on_update", stored).statusCode());
        await().until(() -> frappe.doc("Messenger Message", name).get("conversation") != null);
        return frappe.doc("Messenger Message", name).get("conversation").toString();
    }

    private Map<String, Object> saveConversation(Map<String, Object> doc, Map<String, Object> changes) {
        Map<String, Object> changed = new LinkedHashMap<>(doc);
        changed.putAll(changes);
        return frappe.save("Messenger Conversation", changed);
    }

    private static Map<String, Object> incoming(String name, String messageId, String text, String timestamp) {
        return MessengerDocs.message(name).set("message_id", messageId).text(text).from("6543210987654321")
                .at(timestamp).build();
    }

    private HttpResponse<String> deliver(String event, Map<String, Object> doc) throws Exception {
        byte[] body = mapper.writeValueAsBytes(doc);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(body));
        return http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + bridge.port() + "/webhooks/frappe/" + event))
                .header("X-Frappe-Webhook-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
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

    private static long version(JsonNode event) {
        return event.get("message").get("version").asLong();
    }

    /**
     * A 2xx the bridge promises by: 200 (done) or 202 (journaled, done later — e.g. behind an unfinished delivery of
     * the same doc, or while the emitter catches up). What happened is checked through the events heard.
     */
    private static void assertAccepted(int status, String... context) {
        assertThat(status == 200 || status == 202).as("answered " + status + " " + String.join(" ", context)).isTrue();
    }
}
