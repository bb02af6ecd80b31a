package io.github.frappemessenger.frappe.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

        assertEquals(200, afterInsert.status(), afterInsert.body());
        assertEquals(200, onUpdate.status(), onUpdate.body());
        assertEquals(1, conversations.size());
        MessengerConversation conversation = conversations.all().get(0);
        assertEquals("6543210987654321", conversation.senderId());
        assertEquals(FIXTURE_TEXT, conversation.lastMessage());
        assertEquals(conversation.name(), messages.get("MSG-0001").orElseThrow().conversation());
        assertEquals(List.of(), afterInsertEvents);
        assertEquals(List.of("messenger:conversation_update", "messenger:message_update",
                "messenger:unread_update", "messenger:message_status_update"), eventNames());
        assertEquals(new UnreadUpdate(conversation.name(), 1, 3), published.get(2).event());
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
        assertEquals(200, linkSave.status(), linkSave.body());
        assertEquals(4, published.size());

        Map<String, Object> read = new LinkedHashMap<>(writtenBack);
        read.put("is_read", 1);
        read.put("modified", "2026-11-20 10:05:00.000000");
        messages.save(MessengerMessage.fromDoc(read));
        WebhookResponse readSave = handler.handle(Fixtures.signedPost("on_update", Fixtures.json(read)));
        assertEquals(200, readSave.status(), readSave.body());
        assertEquals(8, published.size());
        assertEquals(new UnreadUpdate(conversation, 0, 7), published.get(6).event());
    }

    @Test
    void onUpdateDeliveredBeforeAfterInsertAlsoEndsWithOneConversation() {
        WebhookResponse onUpdate = handler.handle(Fixtures.signedPost("on_update", Fixtures.fixtureBody()));
        WebhookResponse afterInsert = handler.handle(Fixtures.signedPost("after_insert", Fixtures.fixtureBody()));

        assertEquals(200, onUpdate.status(), onUpdate.body());
        assertEquals(200, afterInsert.status(), afterInsert.body());
        assertEquals(1, conversations.size());
        assertEquals(conversations.all().get(0).name(), messages.get("MSG-0001").orElseThrow().conversation());
        assertEquals(4, published.size());
    }

    @Test
    void aMessageThatAlreadyHasAConversationIsLeftAloneOnAfterInsert() {
        Map<String, Object> doc = fixtureDoc();
        doc.put("conversation", "CONV-KNOWN");

        WebhookResponse response = handler.handle(Fixtures.signedPost("after_insert", Fixtures.json(doc)));

        assertEquals(200, response.status(), response.body());
        assertEquals(0, conversations.size());
        assertEquals(null, messages.get("MSG-0001").orElseThrow().conversation());
    }

    @Test
    void aLifecycleFailureOnUpdateIs503AndInTheErrorLogAndFrappesRetrySucceedsOnceItIsBack() {
        handler.handle(Fixtures.signedPost("after_insert", Fixtures.fixtureBody()));
        Map<String, Object> linked = fixtureDoc();
        linked.put("conversation", messages.get("MSG-0001").orElseThrow().conversation());
        byte[] body = Fixtures.json(linked);
        frappe.down = true;

        WebhookResponse failed = handler.handle(Fixtures.signedPost("on_update", body));

        assertEquals(503, failed.status(), failed.body());
        assertTrue(WebhookHandlerRoutingTest.error(failed).contains("Frappe is unreachable"), failed.body());
        List<ErrorLogEntry> entries = errorLog.entries();
        assertEquals(1, entries.size());
        assertEquals(MessengerLifecycle.UPDATE_ERROR_TITLE, entries.get(0).title());
        assertEquals("MSG-0001", entries.get(0).referenceName());
        assertEquals(List.of(), published);

        frappe.down = false;
        WebhookResponse retried = handler.handle(Fixtures.signedPost("on_update", body));

        assertEquals(200, retried.status(), retried.body());
        assertFalse(Fixtures.parse(retried.body()).has("duplicate"), retried.body());
        assertEquals(4, published.size());
    }

    @Test
    void aStoreFailureWhileLinkingIs503AndLinksNothing() {
        frappe.down = true;

        WebhookResponse response = handler.handle(Fixtures.signedPost("after_insert", Fixtures.fixtureBody()));

        assertEquals(503, response.status(), response.body());
        assertEquals(null, messages.get("MSG-0001").orElseThrow().conversation());
        ErrorLogEntry entry = errorLog.entries().get(0);
        assertEquals("Messenger Update Error", entry.title());
        assertEquals("MSG-0001", entry.referenceName());
    }

    @Test
    void withMessengerSettingsDisabledNothingIsLinkedOrPublished() {
        settings.set(MessengerSettings.disabled());

        WebhookResponse afterInsert = handler.handle(Fixtures.signedPost("after_insert", Fixtures.fixtureBody()));
        WebhookResponse onUpdate = handler.handle(Fixtures.signedPost("on_update", Fixtures.fixtureBody()));

        assertEquals(200, afterInsert.status(), afterInsert.body());
        assertEquals(200, onUpdate.status(), onUpdate.body());
        assertEquals(0, conversations.size());
        assertEquals(List.of(), published);
    }

    @Test
    void aMessageWithoutSenderIdIs422() {
        Map<String, Object> doc = fixtureDoc();
        doc.put("sender_id", null);

        WebhookResponse response = handler.handle(Fixtures.signedPost("after_insert", Fixtures.json(doc)));

        assertEquals(422, response.status(), response.body());
        assertTrue(WebhookHandlerRoutingTest.error(response).contains("sender_id is required"), response.body());
        assertEquals(0, conversations.size());
    }

    @Test
    void aBadlyTypedFieldIs400() {
        Map<String, Object> doc = fixtureDoc();
        doc.put("is_read", "maybe");

        WebhookResponse response = handler.handle(Fixtures.signedPost("on_update", Fixtures.json(doc)));

        assertEquals(400, response.status(), response.body());
        assertTrue(WebhookHandlerRoutingTest.error(response).contains("is_read"), response.body());
        assertEquals(List.of(), published);
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
