package io.github.frappemessenger.frappe.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.embedded.InMemoryConversationStore;
import io.github.frappemessenger.embedded.InMemoryErrorLog;
import io.github.frappemessenger.embedded.InMemoryMessageStore;
import io.github.frappemessenger.embedded.InMemorySettings;
import io.github.frappemessenger.embedded.InProcessPublisher;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.event.UnreadUpdate;
import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.model.MessengerSettings;
import io.github.frappemessenger.port.ConversationStore;
import io.github.frappemessenger.port.ErrorLogEntry;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessengerWebhookHooksTest {
    private static final String FIXTURE_TEXT = "Hallo \u2013 \u00e7a va? \ud83d\udc4b";

    private final InMemoryConversationStore conversations = new InMemoryConversationStore();
    private final SwitchableConversationStore frappe = new SwitchableConversationStore(conversations);
    private final InMemoryMessageStore messages = new InMemoryMessageStore();
    private final InMemoryErrorLog errorLog = new InMemoryErrorLog();
    private final InMemorySettings settings = new InMemorySettings();
    private final InProcessPublisher publisher = new InProcessPublisher();
    private final List<RealtimeEvent> published = new CopyOnWriteArrayList<>();
    private final MessengerLifecycle lifecycle = MessengerLifecycle.builder()
            .conversationStore(frappe).messageStore(messages).realtimePublisher(publisher)
            .errorLog(errorLog).settingsSource(settings).build();
    private final WebhookHandler handler = WebhookHandler.builder()
            .docEvents(MessengerWebhookHooks.docEvents(lifecycle, messages))
            .secret(Fixtures.SECRET)
            .build();

    @BeforeEach
    void frappeHasWrittenTheFixtureMessage() {
        publisher.subscribe(published::add);
        messages.save(MessengerMessage.fromDoc(fixtureDoc()));
    }

    @Test
    void afterInsertThenOnUpdateEndWithOneConversationTheMessageLinkedAndTheEventsPublished() {
        WebhookResponse afterInsert = handler.handle(Fixtures.signedPost("after_insert", Fixtures.fixtureBody()));
        List<RealtimeEvent> afterInsertEvents = List.copyOf(published);
        WebhookResponse onUpdate = handler.handle(Fixtures.signedPost("on_update", Fixtures.fixtureBody()));

        assertThat(afterInsert.status()).as(afterInsert.body()).isEqualTo(200);
        assertThat(onUpdate.status()).as(onUpdate.body()).isEqualTo(200);
        assertThat(conversations.size()).isEqualTo(1);
        MessengerConversation conversation = conversations.all().get(0);
        assertThat(conversation.senderId()).isEqualTo("6543210987654321");
        assertThat(conversation.lastMessage()).isEqualTo(FIXTURE_TEXT);
        assertThat(messages.get("MSG-0001").orElseThrow().conversation()).isEqualTo(conversation.name());
        assertThat(afterInsertEvents).isEqualTo(List.of());
        assertThat(eventNames()).isEqualTo(List.of("messenger:conversation_update", "messenger:message_update",
                "messenger:unread_update", "messenger:message_status_update"));
        assertThat(published.get(2).event()).isEqualTo(new UnreadUpdate(conversation.name(), 1, 3));
    }

    @Test
    void theOnUpdateCausedByWritingTheLinkBackEmitsNothingMoreButARealChangeDoes() {
        handler.handle(Fixtures.signedPost("after_insert", Fixtures.fixtureBody()));
        handler.handle(Fixtures.signedPost("on_update", Fixtures.fixtureBody()));
        String conversation = conversations.all().get(0).name();
        Map<String, Object> writtenBack = fixtureDoc();
        writtenBack.put("conversation", conversation);
        writtenBack.put("modified", "2026-11-20 10:00:01.000000");

        WebhookResponse linkSave = handler.handle(Fixtures.signedPost("on_update", Fixtures.json(writtenBack)));
        assertThat(linkSave.status()).as(linkSave.body()).isEqualTo(200);
        assertThat(published.size()).isEqualTo(4);

        Map<String, Object> read = new LinkedHashMap<>(writtenBack);
        read.put("is_read", 1);
        read.put("modified", "2026-11-20 10:05:00.000000");
        messages.save(MessengerMessage.fromDoc(read));
        WebhookResponse readSave = handler.handle(Fixtures.signedPost("on_update", Fixtures.json(read)));
        assertThat(readSave.status()).as(readSave.body()).isEqualTo(200);
        assertThat(published.size()).isEqualTo(8);
        assertThat(published.get(6).event()).isEqualTo(new UnreadUpdate(conversation, 0, 7));
    }

    @Test
    void onUpdateDeliveredBeforeAfterInsertAlsoEndsWithOneConversation() {
        WebhookResponse onUpdate = handler.handle(Fixtures.signedPost("on_update", Fixtures.fixtureBody()));
        WebhookResponse afterInsert = handler.handle(Fixtures.signedPost("after_insert", Fixtures.fixtureBody()));

        assertThat(onUpdate.status()).as(onUpdate.body()).isEqualTo(200);
        assertThat(afterInsert.status()).as(afterInsert.body()).isEqualTo(200);
        assertThat(conversations.size()).isEqualTo(1);
        assertThat(messages.get("MSG-0001").orElseThrow().conversation()).isEqualTo(conversations.all().get(0).name());
        assertThat(published.size()).isEqualTo(4);
    }

    @Test
    void aMessageThatAlreadyHasAConversationIsLeftAloneOnAfterInsert() {
        Map<String, Object> doc = fixtureDoc();
        doc.put("conversation", "CONV-KNOWN");

        WebhookResponse response = handler.handle(Fixtures.signedPost("after_insert", Fixtures.json(doc)));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(conversations.size()).isEqualTo(0);
        assertThat(messages.get("MSG-0001").orElseThrow().conversation()).isEqualTo(null);
    }

    @Test
    void aLifecycleFailureOnUpdateIs503AndInTheErrorLogAndFrappesRetrySucceedsOnceItIsBack() {
        handler.handle(Fixtures.signedPost("after_insert", Fixtures.fixtureBody()));
        Map<String, Object> linked = fixtureDoc();
        linked.put("conversation", messages.get("MSG-0001").orElseThrow().conversation());
        byte[] body = Fixtures.json(linked);
        frappe.down = true;

        WebhookResponse failed = handler.handle(Fixtures.signedPost("on_update", body));

        assertThat(failed.status()).as(failed.body()).isEqualTo(503);
        assertThat(WebhookHandlerRoutingTest.error(failed)).as(failed.body()).contains("Frappe is unreachable");
        List<ErrorLogEntry> entries = errorLog.entries();
        assertThat(entries.size()).isEqualTo(1);
        assertThat(entries.get(0).title()).isEqualTo(MessengerLifecycle.UPDATE_ERROR_TITLE);
        assertThat(entries.get(0).referenceName()).isEqualTo("MSG-0001");
        assertThat(published).isEqualTo(List.of());

        frappe.down = false;
        WebhookResponse retried = handler.handle(Fixtures.signedPost("on_update", body));

        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(Fixtures.parse(retried.body()).has("duplicate")).as(retried.body()).isFalse();
        assertThat(published.size()).isEqualTo(4);
    }

    @Test
    void aStoreFailureWhileLinkingIs503AndLinksNothing() {
        frappe.down = true;

        WebhookResponse response = handler.handle(Fixtures.signedPost("after_insert", Fixtures.fixtureBody()));

        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(messages.get("MSG-0001").orElseThrow().conversation()).isEqualTo(null);
        ErrorLogEntry entry = errorLog.entries().get(0);
        assertThat(entry.title()).isEqualTo("Messenger Update Error");
        assertThat(entry.referenceName()).isEqualTo("MSG-0001");
    }

    @Test
    void withMessengerSettingsDisabledNothingIsLinkedOrPublished() {
        settings.set(MessengerSettings.disabled());

        WebhookResponse afterInsert = handler.handle(Fixtures.signedPost("after_insert", Fixtures.fixtureBody()));
        WebhookResponse onUpdate = handler.handle(Fixtures.signedPost("on_update", Fixtures.fixtureBody()));

        assertThat(afterInsert.status()).as(afterInsert.body()).isEqualTo(200);
        assertThat(onUpdate.status()).as(onUpdate.body()).isEqualTo(200);
        assertThat(conversations.size()).isEqualTo(0);
        assertThat(published).isEqualTo(List.of());
    }

    @Test
    void aMessageWithoutSenderIdIs422() {
        Map<String, Object> doc = fixtureDoc();
        doc.put("sender_id", null);

        WebhookResponse response = handler.handle(Fixtures.signedPost("after_insert", Fixtures.json(doc)));

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(WebhookHandlerRoutingTest.error(response)).as(response.body()).contains("sender_id is required");
        assertThat(conversations.size()).isEqualTo(0);
    }

    @Test
    void aBadlyTypedFieldIs400() {
        Map<String, Object> doc = fixtureDoc();
        doc.put("is_read", "maybe");

        WebhookResponse response = handler.handle(Fixtures.signedPost("on_update", Fixtures.json(doc)));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(WebhookHandlerRoutingTest.error(response)).as(response.body()).contains("is_read");
        assertThat(published).isEqualTo(List.of());
    }

    private List<String> eventNames() {
        return published.stream().map(e -> e.event().eventName()).toList();
    }

    private static Map<String, Object> fixtureDoc() {
        try {
            return new ObjectMapper().readValue(Fixtures.fixtureBody(), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The conversations as a Frappe site holds them, which can become unreachable. */
    static final class SwitchableConversationStore implements ConversationStore {
        private final ConversationStore delegate;
        volatile boolean down;

        SwitchableConversationStore(ConversationStore delegate) {
            this.delegate = delegate;
        }

        private ConversationStore reachable() {
            if (down) {
                throw new IllegalStateException("Frappe is unreachable: connection refused");
            }
            return delegate;
        }

        @Override
        public MessengerConversation findOrCreate(String platform, String senderId) {
            return reachable().findOrCreate(platform, senderId);
        }

        @Override
        public Optional<MessengerConversation> find(String platform, String senderId) {
            return reachable().find(platform, senderId);
        }

        @Override
        public Optional<MessengerConversation> get(String conversationName) {
            return reachable().get(conversationName);
        }

        @Override
        public MessengerConversation recordLastMessage(String conversationName, String message,
                LocalDateTime time) {
            return reachable().recordLastMessage(conversationName, message, time);
        }
    }
}
