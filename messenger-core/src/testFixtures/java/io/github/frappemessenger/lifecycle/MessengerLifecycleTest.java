package io.github.frappemessenger.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
        assertThat(c.senderId()).isEqualTo("42");
        assertThat(c.platform()).isEqualTo("Messenger");
        assertThat(c.lastMessage()).isEqualTo("hi");
        assertThat(c.lastMessageTime()).isEqualTo(LocalDateTime.of(2026, 11, 20, 10, 0));
    }

    @Test
    void secondMessageFromSameSenderJoinsItsConversation() {
        MessengerMessage first = save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));
        MessengerMessage second = save(Docs.incoming("MSG-2", "42", "again", "2026-11-20 10:01:00"));
        assertThat(second.conversation()).isEqualTo(first.conversation());
        assertThat(stores.conversationCount()).isEqualTo(1);
    }

    @Test
    void theSameSenderOnAnotherPlatformHasAnotherConversation() {
        MessengerMessage messenger = save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));
        MessengerMessage instagram = save(
                Docs.with(Docs.incoming("MSG-2", "42", "hi", "2026-11-20 10:00:00"), "platform", "Instagram"));
        assertThat(instagram.conversation()).isNotEqualTo(messenger.conversation());
    }

    @Test
    void anOutgoingMessageJoinsTheConversationOfTheContactItIsSentTo() {
        MessengerMessage in = save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));
        MessengerMessage out = save(Docs.outgoing("MSG-2", "42", "hello!", "2026-11-20 10:01:00"));
        assertThat(out.conversation()).isEqualTo(in.conversation());
        assertThat(conversations.get(out.conversation()).orElseThrow().lastMessage()).isEqualTo("hello!");
    }

    @Test
    void aLateOlderMessageNeverMovesTheLastMessageBackwards() {
        save(Docs.incoming("MSG-2", "42", "newer", "2026-11-20 10:05:00"));
        MessengerMessage late = save(Docs.incoming("MSG-1", "42", "older", "2026-11-20 10:00:00"));
        MessengerConversation c = conversations.get(late.conversation()).orElseThrow();
        assertThat(c.lastMessage()).isEqualTo("newer");
        assertThat(c.lastMessageTime()).isEqualTo(LocalDateTime.of(2026, 11, 20, 10, 5));
    }

    @Test
    void aMessageWithoutSenderPlatformOrKnownDirectionIsRefusedWithAClearMessage() {
        Map<String, Object> ok = Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00");
        assertRefused(Docs.with(ok, "sender_id", " "), "sender_id is required");
        assertRefused(Docs.with(ok, "sender_id", null), "sender_id is required");
        assertRefused(Docs.with(ok, "platform", ""), "platform is required");
        assertRefused(Docs.with(ok, "message_direction", "Sideways"), "'Sideways'");
        assertRefused(Docs.with(ok, "message_direction", null), "Incoming or Outgoing");
        assertThat(stores.conversationCount()).isZero();
        assertThat(publisher.events()).isEmpty();
    }

    private void assertRefused(Map<String, Object> doc, String expected) {
        MessengerValidationException e = assertThatExceptionOfType(MessengerValidationException.class)
                .isThrownBy(() -> lifecycle.validate(MessengerMessage.fromDoc(doc)))
                .actual();
        assertThat(e.getMessage()).contains(expected);
        assertThat(e.getMessage()).contains("MSG-1");
    }

    @Test
    void anIncomingSaveEmitsConversationThenMessageThenUnreadThenStatus() {
        save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));
        save(Docs.incoming("MSG-2", "42", "again", "2026-11-20 10:01:00"));

        assertThat(publisher.names().subList(4, 8)).containsExactly("messenger:conversation_update",
                "messenger:message_update", "messenger:unread_update", "messenger:message_status_update");
        UnreadUpdate unread = (UnreadUpdate) publisher.events().get(6).event();
        assertThat(unread.unreadCount()).isEqualTo(2);
        MessageUpdate update = (MessageUpdate) publisher.events().get(5).event();
        assertThat(update.message().name()).isEqualTo("MSG-2");
        ConversationUpdate conv = (ConversationUpdate) publisher.events().get(4).event();
        assertThat(conv.conversation().lastMessage()).isEqualTo("again");
        assertThat(publisher.events()).allMatch(e -> e.room().name().equals("all"));
    }

    @Test
    void unreadCountsOnlyIncomingUnreadMessagesOfThatConversation() {
        save(Docs.incoming("MSG-1", "42", "a", "2026-11-20 10:00:00"));
        save(Docs.outgoing("MSG-2", "42", "b", "2026-11-20 10:01:00"));
        save(Docs.incoming("MSG-3", "7", "c", "2026-11-20 10:02:00"));
        save(Docs.with(Docs.incoming("MSG-1", "42", "a", "2026-11-20 10:00:00"), "is_read", 1));
        MessengerMessage m = save(Docs.incoming("MSG-4", "42", "d", "2026-11-20 10:03:00"));
        assertThat(messages.countUnread(m.conversation())).isEqualTo(1);
    }

    @Test
    void anIncomingAttachmentWithoutItsFileEmitsNothingUntilTheFileArrives() {
        Map<String, Object> image = Docs.with(Docs.incoming("MSG-1", "42", "", "2026-11-20 10:00:00"),
                "content_type", "image");
        MessengerMessage waiting = save(image);
        assertThat(publisher.events()).isEmpty();

        save(Docs.with(Docs.with(image, "attach", "/files/a.png"), "conversation", waiting.conversation()));
        assertThat(publisher.names()).containsExactly("messenger:conversation_update",
                "messenger:message_update", "messenger:unread_update", "messenger:message_status_update");
    }

    @Test
    void anOutgoingSaveEmitsMessageSentAndConversationUpdateOnly() {
        save(Docs.outgoing("MSG-1", "42", "hello", "2026-11-20 10:00:00"));
        assertThat(publisher.names()).containsExactly("messenger:message_sent", "messenger:conversation_update",
                "messenger:message_status_update");
    }

    @Test
    void disabledSettingsCreateNoConversationAndEmitNothing() {
        settings.set(MessengerSettings.disabled());
        MessengerMessage m = save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));
        assertThat(m.conversation()).isNull();
        assertThat(stores.conversationCount()).isZero();
        assertThat(publisher.events()).isEmpty();
        assertThat(errorLog.entries()).isEmpty();
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

        assertThat(outcome.failed()).isTrue();
        ErrorLogEntry entry = errorLog.entries().get(0);
        assertThat(entry.title()).isEqualTo("Messenger Update Error");
        assertThat(entry.referenceDoctype()).isEqualTo("Messenger Message");
        assertThat(entry.referenceName()).isEqualTo("MSG-1");
        assertThat(entry.error()).contains("socket server gone");
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
        assertThat(failing.onUpdate(m).failed()).isTrue();
    }

    @Test
    void onUpdateOfAMessageWithoutConversationIsAnErrorLogEntryNotACrash() {
        UpdateOutcome outcome = lifecycle.onUpdate(MessengerMessage.fromDoc(
                Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00")));
        assertThat(outcome.failed()).isTrue();
        assertThat(errorLog.entries()).hasSize(1);
        assertThat(outcome.failure().orElseThrow().getMessage()).isNotBlank();
    }

    @Test
    void aMissingTimestampIsTakenFromTheClock() {
        MessengerMessage m = lifecycle.validate(MessengerMessage.fromDoc(Docs.incoming("MSG-1", "42", "hi", null)));
        assertThat(m.timestamp()).isNotNull();
    }

    @Test
    void buildingWithoutAPortNamesIt() {
        NullPointerException e = assertThatExceptionOfType(NullPointerException.class)
                .isThrownBy(() -> MessengerLifecycle.builder().conversationStore(conversations).build())
                .actual();
        assertThat(e.getMessage()).isEqualTo("messageStore");
    }
}
