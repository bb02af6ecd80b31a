package io.github.frappemessenger.frappe.bridge;

import static io.github.frappemessenger.frappe.bridge.TwoBridgeProcessesTest.SECRET;
import static io.github.frappemessenger.frappe.bridge.TwoBridgeProcessesTest.env;
import static io.github.frappemessenger.frappe.bridge.TwoBridgeProcessesTest.incoming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.frappe.realtime.RedisSubscriber;
import io.github.frappemessenger.frappe.site.FrappeStandIn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replays, restarts, deliveries for docs the site lacks, and hostile names, through the whole bridge over HTTP. */
class OncePerStateBridgeTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String site = "once-" + UUID.randomUUID().toString().substring(0, 8) + ".local";
    private final FrappeStandIn frappe = new FrappeStandIn();
    private RedisSubscriber subscriber;
    private SiteEvents events;
    private MessengerBridge bridge;

    @BeforeEach
    void start() throws Exception {
        subscriber = RedisSubscriber.subscribe(6379, "events");
        events = new SiteEvents(site, subscriber);
        bridge = startBridge();
    }

    @AfterEach
    void stop() throws Exception {
        bridge.close();
        subscriber.close();
        frappe.close();
    }

    private MessengerBridge startBridge() throws Exception {
        return MessengerBridge.start(BridgeConfig.fromEnvironment(env(frappe, site, "redis://127.0.0.1:6379", "0")));
    }

    @Test
    void anOlderStateReplayedAfterARestartOrToAnotherBridgeIsNeverAnnouncedAgain() throws Exception {
        Map<String, Object> inserted = frappe.save("Messenger Message", incoming("MSG-1", "psid-1"));
        assertThat(post(bridge, "after_insert", inserted).statusCode()).isEqualTo(200);
        assertThat(post(bridge, "on_update", inserted).statusCode()).isEqualTo(200);
        Map<String, Object> linked = frappe.all("Messenger Message").get(0); // our link write: a new state
        assertThat(post(bridge, "on_update", linked).statusCode()).isEqualTo(200);
        Map<String, Object> read = new java.util.LinkedHashMap<>(linked);
        read.put("is_read", 1);
        read = frappe.save("Messenger Message", read); // read in the desk
        assertThat(post(bridge, "on_update", read).statusCode()).isEqualTo(200);
        await().until(() -> statusEvents() == 2);

        bridge.close();
        bridge = startBridge();
        try (MessengerBridge other = startBridge()) {
            for (MessengerBridge target : List.of(bridge, other)) {
                for (Map<String, Object> old : List.of(inserted, linked, read)) {
                    HttpResponse<String> answer = post(target, "on_update", old);
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                }
                assertThat(post(target, "after_insert", inserted).statusCode()).isEqualTo(200);
            }
            Thread.sleep(300);
        }

        List<JsonNode> statuses = events.all().stream()
                .filter(e -> e.path("event").asText().equals("messenger:message_status_update")).toList();
        assertThat(statuses.size()).as("the insert's state and the read state, once each: " + statuses).isEqualTo(2);
        List<JsonNode> unread = events.all().stream()
                .filter(e -> e.path("event").asText().equals("messenger:unread_update")).toList();
        assertThat(unread.stream().map(e -> e.at("/message/unread_count").asInt()).toList())
                .as("no old state (is_read 0) re-broadcast after the read one").isEqualTo(List.of(1, 0));
        assertThat(linkPuts()).as("linked once").isEqualTo(1);
    }

    @Test
    void afterInsertOrOnUpdateForAMessageTheSiteDoesNotHaveChangesNothingAndIsNotRetried() throws Exception {
        Map<String, Object> known = frappe.save("Messenger Message", incoming("MSG-1", "psid-1"));
        post(bridge, "after_insert", known);
        Map<String, Object> conversationBefore = frappe.all("Messenger Conversation").get(0);
        int requestsBefore = frappe.requestCount();
        Map<String, Object> ghost = incoming("MSG-GHOST", "psid-1");
        ghost.put("doctype", "Messenger Message");
        ghost.put("modified", "2024-01-01 00:00:01.000001");
        ghost.put("message", "never saved");

        for (String event : List.of("after_insert", "on_update")) {
            HttpResponse<String> answer = post(bridge, event, ghost);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(mapper.readTree(answer.body()).path("gone").asBoolean()).as(answer.body()).isTrue();
        }

        // No read first: the bulk_update that would link it fails with DoesNotExistError, and the conversation's last
        // message, moved by the same call, is written back as it was.
        assertThat(frappe.requests().subList(requestsBefore, frappe.requestCount()).stream().distinct().toList())
                .isEqualTo(List.of("POST /api/method/frappe.client.bulk_update",
                        "PUT /api/resource/Messenger Conversation/" + conversationBefore.get("name")));
        Map<String, Object> conversationAfter = frappe.all("Messenger Conversation").get(0);
        for (String field : List.of("name", "sender_id", "platform", "last_message", "last_message_time", "block_chat",
                "status")) {
            assertThat(conversationAfter.get(field)).as(field).isEqualTo(conversationBefore.get(field));
        }
        assertThat(frappe.doc("Messenger Message", "MSG-GHOST")).as("the ghost is still not on the site")
                .isEqualTo(null);
        assertThat(frappe.all("Messenger Conversation").size()).isEqualTo(1);
        assertThat(events.all().stream().anyMatch(e -> e.toString().contains("MSG-GHOST"))).isFalse();
    }

    @Test
    void hostileNamesAreLinkedThroughOneEncodedPathSegment() throws Exception {
        List<String> names = List.of("a/b", "../../api/method/ping", "x?limit=1#top", "100% sure", "two\nlines",
                "dot.", "...");
        for (String name : names) {
            Map<String, Object> saved = frappe.save("Messenger Message", incoming(name, "psid-" + name.length()));
            HttpResponse<String> answer = post(bridge, "after_insert", saved);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
        for (Map<String, Object> message : frappe.all("Messenger Message")) {
            assertThat(message.get("conversation") != null).as(message.get("name") + " not linked").isTrue();
        }
        List<String> targets = frappe.requests();
        for (String name : names) {
            assertThat(frappe.linkWrites().get(name)).as(name + " linked once, by name: " + frappe.linkWrites())
                    .isEqualTo(1);
        }
        assertThat(targets.stream().anyMatch(t -> t.startsWith("PUT /api/method"))).as(targets.toString()).isFalse();
    }

    @Test
    void aMessageNamedDotDotIsRefusedAsBadInputAndChangesNothing() throws Exception {
        Map<String, Object> doc = incoming("..", "psid-1");
        doc.put("doctype", "Messenger Message");
        doc.put("modified", "2024-01-01 00:00:01.000001");

        HttpResponse<String> answer = post(bridge, "after_insert", doc);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("dot segment");
        assertThat(frappe.requestCount()).as("no request to PUT /api/resource/ or anywhere").isEqualTo(0);
    }

    private long statusEvents() {
        return events.all().stream().filter(e -> e.path("event").asText().equals("messenger:message_status_update"))
                .count();
    }

    private long linkPuts() {
        return frappe.linkWrites().values().stream().mapToLong(Integer::longValue).sum();
    }

    private HttpResponse<String> post(MessengerBridge target, String event, Map<String, Object> doc)
            throws Exception {
        byte[] body = mapper.writeValueAsBytes(doc);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port()
                        + "/webhooks/frappe/" + event))
                .header("X-Frappe-Webhook-Signature", Base64.getEncoder().encodeToString(mac.doFinal(body)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
