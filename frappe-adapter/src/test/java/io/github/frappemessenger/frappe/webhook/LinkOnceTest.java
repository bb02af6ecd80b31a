package io.github.frappemessenger.frappe.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.embedded.InMemoryConversationStore;
import io.github.frappemessenger.embedded.InMemoryErrorLog;
import io.github.frappemessenger.embedded.InMemoryMessageStore;
import io.github.frappemessenger.embedded.InMemorySettings;
import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.ConversationStore;
import io.github.frappemessenger.port.MessageStore;
import io.github.frappemessenger.testing.MessengerDocs;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** after_insert and the insert's own on_update carry the same doc: validate and the link write run once. */
class LinkOnceTest {
    private final InMemoryConversationStore conversations = new InMemoryConversationStore();
    private final InMemoryMessageStore stored = new InMemoryMessageStore();
    private final AtomicInteger validated = new AtomicInteger();
    private final AtomicInteger links = new AtomicInteger();
    private final List<RealtimeEvent> published = new CopyOnWriteArrayList<>();
    private final WebhookHandler handler = WebhookHandler.builder()
            .docEvents(MessengerWebhookHooks.docEvents(MessengerLifecycle.builder()
                    .conversationStore(countingValidations()).messageStore(countingLinks())
                    .realtimePublisher(published::add).errorLog(new InMemoryErrorLog())
                    .settingsSource(new InMemorySettings()).build(), countingLinks()))
            .build();

    @Test
    void theInsertsOwnOnUpdateReusesTheLinkAndOnlyEmits() {
        Map<String, Object> inserted = insert("MSG-1", "psid-1", "2026-11-20 10:00:00");

        post("after_insert", inserted);
        post("on_update", inserted);

        assertThat(validated.get()).as("validate (the last-message write) ran once").isEqualTo(1);
        assertThat(links.get()).as("the link was written once").isEqualTo(1);
        assertThat(published.size()).isEqualTo(4);
        assertThat(stored.get("MSG-1").orElseThrow().conversation()).isEqualTo(conversations.all().get(0).name());
    }

    @Test
    void onUpdateArrivingFirstLinksAndTheLateAfterInsertReusesIt() {
        Map<String, Object> inserted = insert("MSG-1", "psid-1", "2026-11-20 10:00:00");

        post("on_update", inserted);
        post("after_insert", inserted);

        assertThat(List.of(validated.get(), links.get(), conversations.size())).isEqualTo(List.of(1, 1, 1));
        assertThat(published.size()).isEqualTo(4);
    }

    @Test
    void aRememberedLinkIsReusedOnlyForTheSameSender() {
        post("after_insert", insert("MSG-1", "psid-1", "2026-11-20 10:00:00"));
        Map<String, Object> changed = insert("MSG-1", "psid-2", "2026-11-20 10:00:00"); // edited in the desk

        post("on_update", changed);

        assertThat(validated.get()).isEqualTo(2);
        assertThat(conversations.size()).isEqualTo(2);
        assertThat(conversations.get(stored.get("MSG-1").orElseThrow().conversation()).orElseThrow()
                .senderId()).isEqualTo("psid-2");
    }

    @Test
    void aMessageWithoutTimestampGetsTheOneValidateGaveItInTheEventsToo() {
        Map<String, Object> inserted = insert("MSG-1", "psid-1", null);

        post("after_insert", inserted);
        post("on_update", inserted);

        LocalDateTime given = conversations.all().get(0).lastMessageTime();
        MessageUpdate update = (MessageUpdate) published.get(1).event();
        assertThat(update.message().timestamp()).isEqualTo(given);
    }

    private Map<String, Object> insert(String name, String senderId, String timestamp) {
        Map<String, Object> doc = MessengerDocs.message(name).from(senderId).set("modified", "2026-11-20 10:00:00.000001").build();
        doc.put("timestamp", timestamp);
        stored.save(MessengerMessage.fromDoc(doc));
        return doc;
    }

    private void post(String event, Map<String, Object> doc) {
        WebhookResponse response = handler.handle(Fixtures.post(event, Fixtures.json(doc)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private ConversationStore countingValidations() {
        return new ConversationStore() {
            @Override
            public MessengerConversation findOrCreate(String platform, String senderId) {
                return conversations.findOrCreate(platform, senderId);
            }

            @Override
            public Optional<MessengerConversation> find(String platform, String senderId) {
                return conversations.find(platform, senderId);
            }

            @Override
            public Optional<MessengerConversation> get(String name) {
                return conversations.get(name);
            }

            @Override
            public MessengerConversation recordLastMessage(String name, String message, LocalDateTime time) {
                validated.incrementAndGet();
                return conversations.recordLastMessage(name, message, time);
            }
        };
    }

    private MessageStore countingLinks() {
        return new MessageStore() {
            @Override
            public long countUnread(String conversationName) {
                return stored.countUnread(conversationName);
            }

            @Override
            public void linkConversation(String messageName, String conversationName) {
                links.incrementAndGet();
                stored.linkConversation(messageName, conversationName);
            }
        };
    }
}
