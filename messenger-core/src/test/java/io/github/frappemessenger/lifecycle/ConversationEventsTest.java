package io.github.frappemessenger.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.frappemessenger.embedded.EmbeddedMessenger;
import io.github.frappemessenger.event.BlockStatusUpdate;
import io.github.frappemessenger.event.ConversationStatusUpdate;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerSettings;
import io.github.frappemessenger.fixtures.Docs;
import io.github.frappemessenger.fixtures.RecordingPublisher;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Saves of a Messenger Conversation: block_status_update and conversation_status_update on each transition. */
class ConversationEventsTest {
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final EmbeddedMessenger messenger = EmbeddedMessenger.builder().publisher(publisher).user("agent@x.com")
            .build();
    private String conversation;

    @BeforeEach
    void aConversationExists() {
        conversation = messenger.save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00")).conversation();
        publisher.clear();
    }

    private List<RealtimeEvent> save(String field, Object value) {
        publisher.clear();
        messenger.saveConversation(Map.of("name", conversation, field, value));
        return publisher.events();
    }

    @Test
    void blockingAndUnblockingAnnounceEachChangeOnce() {
        List<RealtimeEvent> blocked = save("block_chat", 1);
        assertEquals(List.of(new BlockStatusUpdate(conversation, true)), blocked.stream()
                .map(e -> ((BlockStatusUpdate) e.event()).withVersion(0)).toList());
        assertEquals(List.of(), save("block_chat", 1), "saved again, still blocked: no change");
        List<RealtimeEvent> unblocked = save("block_chat", 0);
        assertEquals(1, unblocked.size());
        assertEquals(false, ((BlockStatusUpdate) unblocked.get(0).event()).blocked());
    }

    @Test
    void eachStatusChangeIsAnnouncedWithTheNewStatusLogRow() {
        ConversationStatusUpdate closed = (ConversationStatusUpdate) save("status", "Closed").get(0).event();
        assertEquals("Closed", closed.status());
        assertEquals("Closed", closed.statusLog().status());
        assertEquals("agent@x.com", closed.statusLog().changedBy());
        assertEquals(List.of(), save("status", "Closed"));
        ConversationStatusUpdate reopened = (ConversationStatusUpdate) save("status", "Open").get(0).event();
        assertEquals("Open", reopened.statusLog().status());
        assertTrue(reopened.version() > closed.version());
        MessengerConversation stored = messenger.conversations().get(conversation).orElseThrow();
        assertEquals(2, ((List<?>) stored.extra().get("status_log")).size(), "one log row per change");
    }

    @Test
    void aSaveThatChangesBothAnnouncesBothAndOneThatChangesNeitherNothing() {
        publisher.clear();
        messenger.saveConversation(Map.of("name", conversation, "block_chat", 1, "status", "Spam"));
        assertEquals(List.of(BlockStatusUpdate.NAME, ConversationStatusUpdate.NAME), publisher.names());
        assertEquals(List.of(), save("last_message", "edited in the desk"));
    }

    @Test
    void aStatusLogRowOfTheDocIsUsedAsItStands() {
        MessengerLifecycle lifecycle = messenger.lifecycle();
        MessengerConversation c = MessengerConversation.fromDoc(Map.of("name", "CONV-X", "status", "Replied",
                "status_log", List.of(Map.of("status", "Open", "changed_on", "2026-11-20 09:00:00", "changed_by", "a"),
                        Map.of("status", "Replied", "changed_on", "2026-11-20 10:00:00", "changed_by", "b"))));
        UpdateOutcome outcome = lifecycle.onConversationUpdate(c);
        ConversationStatusUpdate e = (ConversationStatusUpdate) outcome.events().get(0).event();
        assertEquals(new ConversationStatusUpdate.StatusLog("Replied", "2026-11-20 10:00:00", "b"), e.statusLog());
    }

    @Test
    void aDocWithoutAStatusLogIsStillAnnouncedWithItsModifiedAndModifiedBy() {
        MessengerConversation c = MessengerConversation.fromDoc(Map.of("name", "CONV-Y", "status", "Closed",
                "modified", "2026-11-20 11:00:00.000001", "modified_by", "agent@x.com"));
        UpdateOutcome outcome = messenger.lifecycle().onConversationUpdate(c);
        ConversationStatusUpdate e = (ConversationStatusUpdate) outcome.events().get(0).event();
        assertEquals(new ConversationStatusUpdate.StatusLog("Closed", "2026-11-20 11:00:00.000001", "agent@x.com"),
                e.statusLog());
    }

    @Test
    void disabledSettingsAnnounceNothing() {
        messenger.settings().set(MessengerSettings.disabled());
        assertEquals(List.of(), save("block_chat", 1));
    }
}
