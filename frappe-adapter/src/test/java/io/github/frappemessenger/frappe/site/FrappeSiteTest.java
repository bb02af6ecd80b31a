package io.github.frappemessenger.frappe.site;

import io.github.frappemessenger.testing.MessengerDocs;
import static io.github.frappemessenger.frappe.site.FrappeStandIn.CONVERSATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.event.UnreadUpdate;
import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.model.MessengerMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class FrappeSiteTest {
    private final FrappeStandIn frappe = new FrappeStandIn();
    private final List<RealtimeEvent> published = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        frappe.close();
    }

    @Test
    void oneCallWiresALifecycleThatFilesAnIncomingMessageAndEmitsItsEvents() {
        MessengerLifecycle lifecycle = FrappeSite.builder(frappe.client(), "crm.example.com").build()
                .lifecycle(published::add);

        MessengerMessage validated = lifecycle.validate(incoming("MSG-1", "psid-1", "hi", "2024-05-01 10:00:00"));
        frappe.seed(MessengerMessage.DOCTYPE, validated.toDoc());
        lifecycle.onUpdate(validated);

        assertEquals("CONV-1", validated.conversation());
        assertEquals("hi", frappe.all(CONVERSATION).get(0).get("last_message"));
        assertEquals(List.of("messenger:conversation_update", "messenger:message_update", "messenger:unread_update",
                "messenger:message_status_update"), published.stream().map(e -> e.event().eventName()).toList());
        assertEquals(new UnreadUpdate("CONV-1", 1, 3), published.get(2).event());
    }

    @Test
    void disabledSettingsOnTheSiteLeaveTheMessageAloneAndCreateNothing() {
        frappe.seed("Messenger Settings", Map.of("name", "Messenger Settings", "enabled", 0));
        MessengerLifecycle lifecycle = FrappeSite.builder(frappe.client(), "crm.example.com").build()
                .lifecycle(published::add);

        MessengerMessage result = lifecycle.validate(incoming("MSG-1", "psid-1", "hi", "2024-05-01 10:00:00"));

        assertNull(result.conversation());
        assertEquals(List.of(), frappe.all(CONVERSATION));
    }

    @Test
    void aFailureAfterTheWriteIsFiledInTheSitesErrorLog() {
        MessengerLifecycle lifecycle = FrappeSite.builder(frappe.client(), "crm.example.com").build()
                .lifecycle(published::add);
        MessengerMessage orphan = incoming("MSG-9", "psid-1", "hi", "2024-05-01 10:00:00").withConversation("CONV-404");

        assertTrue(lifecycle.onUpdate(orphan).failed());

        Map<String, Object> entry = frappe.all("Error Log").get(0);
        assertEquals(MessengerLifecycle.UPDATE_ERROR_TITLE, entry.get("method"));
        assertEquals("MSG-9", entry.get("reference_name"));
    }

    @Test
    void theLockIsInJvmByDefaultRedisWhenGivenAndAnExplicitLockWins() {
        assertEquals("ConversationLock.inJvm()",
                FrappeSite.builder(frappe.client(), "a.example.com").build().lock().toString());
        try (RedisClient redis = RedisClient.create("127.0.0.1", 6379)) {
            FrappeSite withRedis = FrappeSite.builder(frappe.client(), "a.example.com").redis(redis).build();
            RedisConversationLock lock = assertInstanceOf(RedisConversationLock.class, withRedis.lock());
            assertEquals("messenger:lock:a.example.com:k", lock.redisKey("k"));

            ConversationLock none = ConversationLock.none();
            assertSame(none, FrappeSite.builder(frappe.client(), "a.example.com").redis(redis)
                    .conversationLock(none).build().lock());
        }
    }

    /** An incoming message as a webhook hands it over (no conversation yet). */
    private static MessengerMessage incoming(String name, String senderId, String text, String timestamp) {
        return MessengerMessage.fromDoc(MessengerDocs.message(name).from(senderId).text(text).at(timestamp)
                .platform("Facebook").build());
    }
}
