package io.github.frappemessenger.frappe.site;

import static io.github.frappemessenger.frappe.site.FrappeStandIn.CONVERSATION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.frappe.webhook.MessengerWebhookHooks;
import io.github.frappemessenger.frappe.webhook.WebhookHandler;
import io.github.frappemessenger.frappe.webhook.WebhookRequest;
import io.github.frappemessenger.frappe.webhook.WebhookResponse;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.testing.MessengerDocs;
import io.github.frappemessenger.testing.RecordingPublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.RedisClient;

/**
 * REST round trips per incoming message through the whole webhook path — {@link WebhookHandler},
 * {@link MessengerWebhookHooks}, {@link FrappeSite} — against the Frappe stand-in, for the deliveries Frappe makes
 * for one inserted message: after_insert, the insert's own on_update (its doc still without conversation), and the
 * on_update of the save that writes our conversation link back. Once with the in-JVM lock, once with Redis (the
 * numbers differ only by the re-read a new sender spares with Redis's lease). docs/frappe-ports.md reports these
 * numbers.
 */
class WebhookRoundTripsTest {
    private static final String MESSAGE = MessengerMessage.DOCTYPE;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Round trips per delivery of one message, and the calls made. */
    private record Trips(int afterInsert, int onUpdate, int linkSave, List<String> calls) {
        int total() {
            return afterInsert + onUpdate + linkSave;
        }
    }

    private final FrappeStandIn frappe = new FrappeStandIn();
    private final RedisClient redis = RedisClient.create("127.0.0.1", 6379);
    private final RecordingPublisher published = new RecordingPublisher();

    @AfterEach
    void stop() {
        frappe.close();
        redis.close();
    }

    private WebhookHandler handler(boolean withRedis) {
        FrappeSite.Builder b = FrappeSite.builder(frappe.client(), "wh-" + UUID.randomUUID() + ".example.com");
        FrappeSite site = (withRedis ? b.redis(redis) : b).build();
        site.settings().current(); // read once per 30 s, not per message
        return WebhookHandler.builder()
                .docEvents(MessengerWebhookHooks.docEvents(site.lifecycle(published), site.messages()))
                .build();
    }

    @ParameterizedTest(name = "redis={0}")
    @ValueSource(booleans = {false, true})
    void aKnownSendersMessageCostsThreeRoundTripsAndANewSendersFiveWithRedisSixWithout(boolean withRedis) {
        WebhookHandler handler = handler(withRedis);

        Trips cold = deliver(handler, message("MSG-1", "psid-1", "hi", "2024-05-01 10:00:00"));
        Trips warm = deliver(handler, message("MSG-2", "psid-1", "again", "2024-05-01 10:00:05"));

        System.out.printf("webhooks (redis=%s), after_insert + on_update + on_update of the link: cold %d %s%n"
                + "  warm %d %s%n", withRedis, cold.total(), cold, warm.total(), warm);
        List<String> expectedCold = new ArrayList<>(List.of(
                "GET /api/resource/Messenger Conversation",                // search the new sender
                "POST /api/resource/Messenger Conversation",               // insert its conversation
                "GET /api/resource/Messenger Conversation",                // re-read: no duplicate
                "PUT /api/resource/Messenger Conversation/CONV-1",         // last message
                "PUT /api/resource/Messenger Message/MSG-1",               // link the message
                "GET /api/method/frappe.client.get_count"));               // on_update: unread count
        if (withRedis) {
            expectedCold.remove(2); // the Redis lock's lease proves the insert alone: no re-read
        }
        assertThat(cold.calls()).isEqualTo(expectedCold);
        assertThat(warm.calls()).isEqualTo(List.of(
                "PUT /api/resource/Messenger Conversation/CONV-1",         // last message (conversation cached)
                "PUT /api/resource/Messenger Message/MSG-2",               // link the message
                "GET /api/method/frappe.client.get_count")); // on_update: unread count
        assertThat(List.of(cold.afterInsert(), cold.onUpdate(), cold.linkSave()))
                .isEqualTo(List.of(withRedis ? 4 : 5, 1, 0));
        assertThat(List.of(warm.afterInsert(), warm.onUpdate(), warm.linkSave())).isEqualTo(List.of(2, 1, 0));

        Map<String, Object> conversation = frappe.doc(CONVERSATION, "CONV-1");
        assertThat(conversation.get("last_message")).isEqualTo("again");
        assertThat(conversation.get("last_message_time")).isEqualTo("2024-05-01 10:00:05");
        assertThat(frappe.doc(MESSAGE, "MSG-2").get("conversation")).isEqualTo("CONV-1");
        assertThat(published.events()).as("four events per message, each once").hasSize(8);
        assertThat(frappe.all(CONVERSATION).size()).isEqualTo(1);
    }

    /**
     * Frappe inserts the message and calls after_insert, then the insert's on_update with the same doc; our link PUT
     * makes Frappe save the message again and call on_update with the linked doc.
     */
    private Trips deliver(WebhookHandler handler, Map<String, Object> message) {
        Map<String, Object> inserted = frappe.save(MESSAGE, message);
        int start = frappe.requestCount();
        post(handler, "after_insert", inserted);
        int afterInsert = frappe.requestCount() - start;
        post(handler, "on_update", inserted);
        int onUpdate = frappe.requestCount() - start - afterInsert;
        Map<String, Object> linked = frappe.doc(MESSAGE, (String) message.get("name"));
        assertThat(linked.get("modified")).as("the link PUT is a new save").isNotEqualTo(inserted.get("modified"));
        post(handler, "on_update", linked);
        int linkSave = frappe.requestCount() - start - afterInsert - onUpdate;
        List<String> all = frappe.requests();
        return new Trips(afterInsert, onUpdate, linkSave, all.subList(start, all.size()));
    }

    private static void post(WebhookHandler handler, String event, Map<String, Object> doc) {
        try {
            WebhookResponse response = handler.handle(WebhookRequest.of("POST", WebhookHandler.WEBHOOK_PREFIX + event,
                    JSON.writeValueAsBytes(doc)));
            assertThat(response.status()).as(event + ": " + response.body()).isEqualTo(200);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> message(String name, String senderId, String text, String timestamp) {
        return MessengerDocs.message(name).from(senderId).text(text).at(timestamp).platform("Facebook").build();
    }
}
