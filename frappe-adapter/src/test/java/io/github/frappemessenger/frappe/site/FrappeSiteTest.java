package io.github.frappemessenger.frappe.site;

import static io.github.frappemessenger.frappe.site.FrappeStandIn.CONVERSATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.event.UnreadUpdate;
import io.github.frappemessenger.frappe.internal.site.ConversationLock;
import io.github.frappemessenger.frappe.internal.site.RedisConversationLock;
import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.testing.MessengerDocs;
import io.github.frappemessenger.testing.RecordingPublisher;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class FrappeSiteTest {
    private final FrappeStandIn frappe = new FrappeStandIn();
    private final RecordingPublisher published = new RecordingPublisher();

    @AfterEach
    void stop() {
        frappe.close();
    }

    @Test
    void oneCallWiresALifecycleThatFilesAnIncomingMessageAndEmitsItsEvents() {
        MessengerLifecycle lifecycle = FrappeSite.builder(frappe.client(), "crm.example.com").build()
                .lifecycle(published);

        MessengerMessage validated = lifecycle.validate(incoming("MSG-1", "psid-1", "hi", "2024-05-01 10:00:00"));
        frappe.seed(MessengerMessage.DOCTYPE, validated.toDoc());
        lifecycle.onUpdate(validated);

        assertThat(validated.conversation()).isEqualTo("CONV-1");
        assertThat(frappe.all(CONVERSATION).get(0).get("last_message")).isEqualTo("hi");
        assertThat(published.names())
                .containsExactly("messenger:conversation_update", "messenger:message_update",
                        "messenger:unread_update", "messenger:message_status_update");
        assertThat(published.events().get(2).event()).isEqualTo(new UnreadUpdate("CONV-1", 1, 3));
    }

    @Test
    void disabledSettingsOnTheSiteLeaveTheMessageAloneAndCreateNothing() {
        frappe.seed("Messenger Settings", Map.of("name", "Messenger Settings", "enabled", 0));
        MessengerLifecycle lifecycle = FrappeSite.builder(frappe.client(), "crm.example.com").build()
                .lifecycle(published);

        MessengerMessage result = lifecycle.validate(incoming("MSG-1", "psid-1", "hi", "2024-05-01 10:00:00"));

        assertThat(result.conversation()).isNull();
        assertThat(frappe.all(CONVERSATION)).isEmpty();
    }

    @Test
    void aFailureAfterTheWriteIsFiledInTheSitesErrorLog() {
        MessengerLifecycle lifecycle = FrappeSite.builder(frappe.client(), "crm.example.com").build()
                .lifecycle(published);
        MessengerMessage orphan = incoming("MSG-9", "psid-1", "hi", "2024-05-01 10:00:00").withConversation("CONV-404");

        assertThat(lifecycle.onUpdate(orphan).failed()).isTrue();

        Map<String, Object> entry = frappe.all("Error Log").get(0);
        assertThat(entry.get("method")).isEqualTo(MessengerLifecycle.UPDATE_ERROR_TITLE);
        assertThat(entry.get("reference_name")).isEqualTo("MSG-9");
    }

    @Test
    void theLockIsInJvmByDefaultRedisWhenGivenAndAnExplicitLockWins() {
        assertThat(FrappeSite.builder(frappe.client(), "a.example.com").build().lock().toString())
                .isEqualTo("ConversationLock.inJvm()");
        try (RedisClient redis = RedisClient.create("127.0.0.1", 6379)) {
            FrappeSite withRedis = FrappeSite.builder(frappe.client(), "a.example.com").redis(redis).build();
            assertThat(withRedis.lock()).isInstanceOf(RedisConversationLock.class);
            RedisConversationLock lock = (RedisConversationLock) withRedis.lock();
            assertThat(lock.redisKey("k")).isEqualTo("messenger:lock:a.example.com:k");

            ConversationLock none = ConversationLock.none();
            assertThat(FrappeSite.builder(frappe.client(), "a.example.com").redis(redis)
                    .conversationLock(none).build().lock()).isSameAs(none);
        }
    }

    /** An incoming message as a webhook hands it over (no conversation yet). */
    private static MessengerMessage incoming(String name, String senderId, String text, String timestamp) {
        return MessengerMessage.fromDoc(MessengerDocs.message(name).from(senderId).text(text).at(timestamp)
                .platform("Facebook").build());
    }
}
