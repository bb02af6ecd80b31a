package io.github.frappemessenger.frappe.site;

import static io.github.frappemessenger.frappe.site.FrappeStandIn.CONVERSATION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.frappe.internal.once.OncePerState;
import io.github.frappemessenger.frappe.internal.once.RedisMessageStates;
import io.github.frappemessenger.frappe.internal.once.SiteLinker;
import io.github.frappemessenger.frappe.internal.site.ProviderMessageIds;
import io.github.frappemessenger.frappe.webhook.MessengerWebhookHooks;
import io.github.frappemessenger.frappe.webhook.WebhookHandler;
import io.github.frappemessenger.frappe.webhook.WebhookRequest;
import io.github.frappemessenger.frappe.webhook.WebhookResponse;
import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.testing.MessengerDocs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * The bridge's link path ({@link SiteLinker}): a message's link and its conversation's last message in one
 * {@code frappe.client.bulk_update}, against the Frappe stand-in over real HTTP, wired as {@code MessengerBridge}
 * wires it (Redis lock, Redis records). Asserts the calls made and the final state of the site.
 */
class BulkLinkTest {
    private static final String MESSAGE = MessengerMessage.DOCTYPE;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FrappeStandIn frappe = new FrappeStandIn();
    private final RedisClient redis = RedisClient.create("127.0.0.1", 6379);
    private final List<RealtimeEvent> published = new CopyOnWriteArrayList<>();
    private final WebhookHandler handler = bridge();

    @AfterEach
    void stop() {
        frappe.close();
        redis.close();
    }

    private WebhookHandler bridge() {
        String siteName = "bulk-" + UUID.randomUUID() + ".example.com";
        FrappeSite site = FrappeSite.builder(frappe.client(), siteName).redis(redis).build();
        site.settings().current(); // read once per 30 s, not per message
        MessengerLifecycle lifecycle = site.lifecycle(published::add);
        OncePerState once = new OncePerState(lifecycle, site.messages(),
                RedisMessageStates.builder(redis, siteName).build(), null, new SiteLinker(lifecycle, site.conversations()));
        return WebhookHandler.builder()
                .docEvents(MessengerWebhookHooks.docEvents(lifecycle, once, ProviderMessageIds.inJvm(1_000))).build();
    }

    @Test
    void aWarmMessageCostsTwoRoundTripsAColdOneFourAndAnUpdateOfALinkedMessageOne() {
        List<String> cold = deliver(message("MSG-1", "psid-1", "hi", "2024-05-01 10:00:00"));
        List<String> warm = deliver(message("MSG-2", "psid-1", "again", "2024-05-01 10:00:05"));
        Map<String, Object> read = frappe.doc(MESSAGE, "MSG-2");
        read.put("is_read", 1);
        List<String> linkedUpdate = calls(() -> post("on_update", frappe.save(MESSAGE, read)));

        assertThat(cold).isEqualTo(List.of(
                "GET /api/resource/Messenger Conversation",             // search the new sender
                "POST /api/resource/Messenger Conversation",            // insert its conversation (the Redis
                                                                        // lock's lease proves it alone: no re-read)
                "POST /api/method/frappe.client.bulk_update",           // link + last message
                "GET /api/method/frappe.client.get_count"));      // on_update: unread count
        assertThat(warm).isEqualTo(List.of(
                "POST /api/method/frappe.client.bulk_update",
                "GET /api/method/frappe.client.get_count"));
        assertThat(linkedUpdate).isEqualTo(List.of("GET /api/method/frappe.client.get_count"));

        Map<String, Object> conversation = frappe.doc(CONVERSATION, "CONV-1");
        assertThat(conversation.get("last_message")).isEqualTo("again");
        assertThat(conversation.get("last_message_time")).isEqualTo("2024-05-01 10:00:05");
        assertThat(frappe.doc(MESSAGE, "MSG-1").get("conversation")).isEqualTo("CONV-1");
        assertThat(frappe.doc(MESSAGE, "MSG-2").get("conversation")).isEqualTo("CONV-1");
        assertThat(messageUpdates()).as("each state announced once").isEqualTo(List.of("MSG-1", "MSG-2", "MSG-2"));
    }

    @Test
    void aMessageTheSiteDoesNotHaveIsGoneAndItsConversationKeepsItsLastMessage() throws Exception {
        deliver(message("MSG-1", "psid-1", "hi", "2024-05-01 10:00:00"));
        Map<String, Object> before = frappe.doc(CONVERSATION, "CONV-1");
        int events = published.size();
        Map<String, Object> ghost = message("MSG-GHOST", "psid-1", "never saved", "2024-05-01 10:00:09");
        ghost.put("doctype", MESSAGE);
        ghost.put("modified", "2024-01-01 00:00:01.000001");

        for (String event : List.of("after_insert", "on_update")) {
            WebhookResponse answer = post(event, ghost);
            assertThat(JSON.readTree(answer.body()).path("gone").asBoolean()).as(answer.body()).isTrue();
        }

        Map<String, Object> after = frappe.doc(CONVERSATION, "CONV-1");
        assertThat(after.get("last_message")).isEqualTo(before.get("last_message"));
        assertThat(after.get("last_message_time")).isEqualTo(before.get("last_message_time"));
        assertThat(frappe.doc(MESSAGE, "MSG-GHOST")).isNull();
        assertThat(published).as("nothing announced for the ghost").hasSize(events);
    }

    @Test
    void aDocFrappeRefusesInTheBulkUpdateIsATransientFailureNamingItAndLinksNothing() {
        deliver(message("MSG-1", "psid-1", "hi", "2024-05-01 10:00:00"));
        Map<String, Object> refused = frappe.save(MESSAGE, message("MSG-2", "psid-1", "again", "2024-05-01 10:00:05"));
        frappe.kit.deny(MESSAGE); // its save in the bulk_update fails with PermissionError

        WebhookResponse answer = send("after_insert", refused);

        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.body()).contains("Messenger Message MSG-2", "PermissionError");
        assertThat(frappe.doc(MESSAGE, "MSG-2").get("conversation")).as("not linked").isNull();
    }

    @Test
    void concurrentMessagesAreAllLinkedEachStateAnnouncedOnceAndTheNewestIsEachConversationsLast() throws Exception {
        int senders = 6;
        int perSender = 8;
        List<Map<String, Object>> messages = new ArrayList<>();
        for (int i = 0; i < senders * perSender; i++) {
            messages.add(frappe.save(MESSAGE, message("MSG-" + i, "psid-" + (i % senders), "text " + i,
                    String.format("2024-05-01 10:%02d:%02d", i / 60, i % 60))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Map<String, Object> m : messages) {
                done.add(pool.submit(() -> {
                    post("after_insert", m);
                    post("on_update", m);
                    post("on_update", frappe.doc(MESSAGE, (String) m.get("name"))); // the link's own save
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(frappe.all(CONVERSATION)).as("one conversation per sender").hasSize(senders);
        for (Map<String, Object> conversation : frappe.all(CONVERSATION)) {
            String sender = (String) conversation.get("sender_id");
            int newest = senders * (perSender - 1) + Integer.parseInt(sender.substring("psid-".length()));
            assertThat(conversation.get("last_message")).as("the newest is last: " + sender)
                    .isEqualTo("text " + newest);
        }
        for (Map<String, Object> m : messages) {
            Map<String, Object> stored = frappe.doc(MESSAGE, (String) m.get("name"));
            Map<String, Object> conversation = frappe.doc(CONVERSATION, (String) stored.get("conversation"));
            assertThat(conversation.get("sender_id"))
                    .as("linked to its sender's conversation").isEqualTo(m.get("sender_id"));
        }
        List<String> updates = messageUpdates();
        assertThat(updates).as("each message announced once: " + updates).hasSize(messages.size());
        assertThat(updates.stream().distinct().count()).isEqualTo(messages.size());
    }

    private List<String> messageUpdates() {
        return published.stream().filter(e -> e.event() instanceof MessageUpdate)
                .map(e -> ((MessageUpdate) e.event()).message().name()).collect(Collectors.toList());
    }

    /** after_insert, the insert's own on_update (same doc), the calls both made. */
    private List<String> deliver(Map<String, Object> message) {
        Map<String, Object> inserted = frappe.save(MESSAGE, message);
        List<String> calls = calls(() -> {
            post("after_insert", inserted);
            post("on_update", inserted);
        });
        assertThat(calls(() -> post("on_update", frappe.doc(MESSAGE, (String) message.get("name")))))
                .as("the on_update of the link's own save costs nothing").isEmpty();
        return calls;
    }

    private List<String> calls(Runnable work) {
        int start = frappe.requestCount();
        work.run();
        return frappe.requests().subList(start, frappe.requestCount());
    }

    private WebhookResponse post(String event, Map<String, Object> doc) {
        WebhookResponse response = send(event, doc);
        assertThat(response.status()).as(event + ": " + response.body()).isEqualTo(200);
        return response;
    }

    private WebhookResponse send(String event, Map<String, Object> doc) {
        try {
            return handler.handle(WebhookRequest.of("POST", WebhookHandler.WEBHOOK_PREFIX + event,
                    JSON.writeValueAsBytes(doc)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> message(String name, String senderId, String text, String timestamp) {
        return MessengerDocs.message(name).from(senderId).text(text).at(timestamp).platform("Facebook").build();
    }
}
