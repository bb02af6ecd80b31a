package io.github.frappemessenger.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.frappemessenger.embedded.InMemoryErrorLog;
import io.github.frappemessenger.embedded.InMemorySettings;
import io.github.frappemessenger.event.ConversationUpdate;
import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.event.UnreadUpdate;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.model.MessengerSettings;
import io.github.frappemessenger.port.ConversationStore;
import io.github.frappemessenger.port.ErrorLogEntry;
import io.github.frappemessenger.port.MessageStore;
import io.github.frappemessenger.fixtures.Docs;
import io.github.frappemessenger.fixtures.RecordingPublisher;
import io.github.frappemessenger.fixtures.StoreKit;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle's behaviour, on the in-memory stores here; messenger-jdbc runs this same class against its stores
 * (PostgreSQL, MariaDB, SQLite) by overriding {@link #newStores}.
 */
public class MessengerLifecycleTest {
    private StoreKit stores;
    private ConversationStore conversations;
    private MessageStore messages;
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final InMemoryErrorLog errorLog = new InMemoryErrorLog();
    private final InMemorySettings settings = new InMemorySettings();
    private MessengerLifecycle lifecycle;

    /** The stores under test; a fresh, empty set for each test. */
    protected StoreKit newStores() {
        return StoreKit.inMemory();
    }

    @BeforeEach
    void wireStores() {
        stores = newStores();
        conversations = stores.conversations();
        messages = stores.messages();
        lifecycle = MessengerLifecycle.builder()
                .conversationStore(conversations).messageStore(messages).realtimePublisher(publisher)
                .errorLog(errorLog).settingsSource(settings).build();
    }

    @AfterEach
    void closeStores() {
        stores.close();
    }

    /** What Frappe does on a save: validate, write, on_update. */
    private MessengerMessage save(Map<String, Object> doc) {
        MessengerMessage m = lifecycle.validate(MessengerMessage.fromDoc(doc));
        messages.save(m);
        lifecycle.onUpdate(m);
        return m;
    }

    @Test
    void firstMessageOfANewSenderCreatesItsConversation() {
        MessengerMessage m = lifecycle.validate(MessengerMessage.fromDoc(
                Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00")));

        MessengerConversation c = conversations.get(m.conversation()).orElseThrow();
        assertEquals("42", c.senderId());
        assertEquals("Messenger", c.platform());
        assertEquals("hi", c.lastMessage());
        assertEquals(LocalDateTime.of(2026, 11, 20, 10, 0), c.lastMessageTime());
    }

    @Test
    void secondMessageFromSameSenderJoinsItsConversation() {
        MessengerMessage first = save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));
        MessengerMessage second = save(Docs.incoming("MSG-2", "42", "again", "2026-11-20 10:01:00"));
        assertEquals(first.conversation(), second.conversation());
        assertEquals(1, stores.conversationCount());
    }

    @Test
    void theSameSenderOnAnotherPlatformHasAnotherConversation() {
        MessengerMessage messenger = save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));
        MessengerMessage instagram = save(
                Docs.with(Docs.incoming("MSG-2", "42", "hi", "2026-11-20 10:00:00"), "platform", "Instagram"));
        assertNotEquals(messenger.conversation(), instagram.conversation());
    }

    @Test
    void anOutgoingMessageJoinsTheConversationOfTheContactItIsSentTo() {
        MessengerMessage in = save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));
        MessengerMessage out = save(Docs.outgoing("MSG-2", "42", "hello!", "2026-11-20 10:01:00"));
        assertEquals(in.conversation(), out.conversation());
        assertEquals("hello!", conversations.get(out.conversation()).orElseThrow().lastMessage());
    }

    @Test
    void aLateOlderMessageNeverMovesTheLastMessageBackwards() {
        save(Docs.incoming("MSG-2", "42", "newer", "2026-11-20 10:05:00"));
        MessengerMessage late = save(Docs.incoming("MSG-1", "42", "older", "2026-11-20 10:00:00"));
        MessengerConversation c = conversations.get(late.conversation()).orElseThrow();
        assertEquals("newer", c.lastMessage());
        assertEquals(LocalDateTime.of(2026, 11, 20, 10, 5), c.lastMessageTime());
    }

    @Test
    void aMessageWithoutSenderPlatformOrKnownDirectionIsRefusedWithAClearMessage() {
        Map<String, Object> ok = Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00");
        assertRefused(Docs.with(ok, "sender_id", " "), "sender_id is required");
        assertRefused(Docs.with(ok, "sender_id", null), "sender_id is required");
        assertRefused(Docs.with(ok, "platform", ""), "platform is required");
        assertRefused(Docs.with(ok, "message_direction", "Sideways"), "'Sideways'");
        assertRefused(Docs.with(ok, "message_direction", null), "Incoming or Outgoing");
        assertEquals(0, stores.conversationCount());
        assertTrue(publisher.events().isEmpty());
    }

    private void assertRefused(Map<String, Object> doc, String expected) {
        MessengerValidationException e = assertThrows(MessengerValidationException.class,
                () -> lifecycle.validate(MessengerMessage.fromDoc(doc)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("MSG-1"), e.getMessage());
    }

    @Test
    void anIncomingSaveEmitsConversationThenMessageThenUnreadThenStatus() {
        save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));
        save(Docs.incoming("MSG-2", "42", "again", "2026-11-20 10:01:00"));

        assertEquals(List.of("messenger:conversation_update", "messenger:message_update", "messenger:unread_update",
                "messenger:message_status_update"), publisher.names().subList(4, 8));
        UnreadUpdate unread = (UnreadUpdate) publisher.events().get(6).event();
        assertEquals(2, unread.unreadCount());
        MessageUpdate update = (MessageUpdate) publisher.events().get(5).event();
        assertEquals("MSG-2", update.message().name());
        ConversationUpdate conv = (ConversationUpdate) publisher.events().get(4).event();
        assertEquals("again", conv.conversation().lastMessage());
        assertTrue(publisher.events().stream().allMatch(e -> e.room().name().equals("all")));
    }

    @Test
    void unreadCountsOnlyIncomingUnreadMessagesOfThatConversation() {
        save(Docs.incoming("MSG-1", "42", "a", "2026-11-20 10:00:00"));
        save(Docs.outgoing("MSG-2", "42", "b", "2026-11-20 10:01:00"));
        save(Docs.incoming("MSG-3", "7", "c", "2026-11-20 10:02:00"));
        save(Docs.with(Docs.incoming("MSG-1", "42", "a", "2026-11-20 10:00:00"), "is_read", 1));
        MessengerMessage m = save(Docs.incoming("MSG-4", "42", "d", "2026-11-20 10:03:00"));
        assertEquals(1, messages.countUnread(m.conversation()));
    }

    @Test
    void anIncomingAttachmentWithoutItsFileEmitsNothingUntilTheFileArrives() {
        Map<String, Object> image = Docs.with(Docs.incoming("MSG-1", "42", "", "2026-11-20 10:00:00"),
                "content_type", "image");
        MessengerMessage waiting = save(image);
        assertTrue(publisher.events().isEmpty());

        save(Docs.with(Docs.with(image, "attach", "/files/a.png"), "conversation", waiting.conversation()));
        assertEquals(List.of("messenger:conversation_update", "messenger:message_update", "messenger:unread_update",
                "messenger:message_status_update"), publisher.names());
    }

    @Test
    void anOutgoingSaveEmitsMessageSentAndConversationUpdateOnly() {
        save(Docs.outgoing("MSG-1", "42", "hello", "2026-11-20 10:00:00"));
        assertEquals(List.of("messenger:message_sent", "messenger:conversation_update",
                "messenger:message_status_update"), publisher.names());
    }

    @Test
    void disabledSettingsCreateNoConversationAndEmitNothing() {
        settings.set(MessengerSettings.disabled());
        MessengerMessage m = save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));
        assertEquals(null, m.conversation());
        assertEquals(0, stores.conversationCount());
        assertTrue(publisher.events().isEmpty());
        assertTrue(errorLog.entries().isEmpty());
    }

    @Test
    void aFailureInOnUpdateIsLoggedAsMessengerUpdateErrorAndNeverThrown() {
        MessengerLifecycle failing = MessengerLifecycle.builder()
                .conversationStore(conversations).messageStore(messages)
                .realtimePublisher(e -> {
                    throw new IllegalStateException("socket server gone");
                })
                .errorLog(errorLog).settingsSource(settings).build();
        MessengerMessage m = failing.validate(MessengerMessage.fromDoc(
                Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00")));

        UpdateOutcome outcome = failing.onUpdate(m);

        assertTrue(outcome.failed());
        ErrorLogEntry entry = errorLog.entries().get(0);
        assertEquals("Messenger Update Error", entry.title());
        assertEquals("Messenger Message", entry.referenceDoctype());
        assertEquals("MSG-1", entry.referenceName());
        assertTrue(entry.error().contains("socket server gone"), entry.error());
    }

    @Test
    void aFailingErrorLogDoesNotMakeOnUpdateThrow() {
        MessengerLifecycle failing = MessengerLifecycle.builder()
                .conversationStore(conversations).messageStore(messages)
                .realtimePublisher(e -> {
                    throw new IllegalStateException("publish failed");
                })
                .errorLog(entry -> {
                    throw new IllegalStateException("error log down too");
                })
                .settingsSource(settings).build();
        MessengerMessage m = failing.validate(MessengerMessage.fromDoc(
                Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00")));
        assertTrue(failing.onUpdate(m).failed());
    }

    @Test
    void onUpdateOfAMessageWithoutConversationIsAnErrorLogEntryNotACrash() {
        UpdateOutcome outcome = lifecycle.onUpdate(MessengerMessage.fromDoc(
                Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00")));
        assertTrue(outcome.failed());
        assertEquals(1, errorLog.entries().size());
        assertFalse(outcome.failure().orElseThrow().getMessage().isBlank());
    }

    @Test
    void aMissingTimestampIsTakenFromTheClock() {
        MessengerMessage m = lifecycle.validate(MessengerMessage.fromDoc(Docs.incoming("MSG-1", "42", "hi", null)));
        assertTrue(m.timestamp() != null);
    }

    @Test
    void buildingWithoutAPortNamesIt() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> MessengerLifecycle.builder().conversationStore(conversations).build());
        assertEquals("messageStore", e.getMessage());
    }
}
