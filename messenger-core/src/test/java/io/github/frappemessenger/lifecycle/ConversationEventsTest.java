package io.github.frappemessenger.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(blocked.stream()
                .map(e -> ((BlockStatusUpdate) e.event()).withVersion(0)).toList())
                .isEqualTo(List.of(new BlockStatusUpdate(conversation, true)));
        assertThat(save("block_chat", 1)).as("saved again, still blocked: no change").isEqualTo(List.of());
        List<RealtimeEvent> unblocked = save("block_chat", 0);
        assertThat(unblocked).hasSize(1);
        assertThat(((BlockStatusUpdate) unblocked.get(0).event()).blocked()).isFalse();
    }

    @Test
    void eachStatusChangeIsAnnouncedWithTheNewStatusLogRow() {
        ConversationStatusUpdate closed = (ConversationStatusUpdate) save("status", "Closed").get(0).event();
        assertThat(closed.status()).isEqualTo("Closed");
        assertThat(closed.statusLog().status()).isEqualTo("Closed");
        assertThat(closed.statusLog().changedBy()).isEqualTo("agent@x.com");
        assertThat(save("status", "Closed")).isEqualTo(List.of());
        ConversationStatusUpdate reopened = (ConversationStatusUpdate) save("status", "Open").get(0).event();
        assertThat(reopened.statusLog().status()).isEqualTo("Open");
        assertThat(reopened.version()).isGreaterThan(closed.version());
        MessengerConversation stored = messenger.conversations().get(conversation).orElseThrow();
        assertThat(((List<?>) stored.extra().get("status_log"))).as("one log row per change").hasSize(2);
    }

    @Test
    void aSaveThatChangesBothAnnouncesBothAndOneThatChangesNeitherNothing() {
        publisher.clear();
        messenger.saveConversation(Map.of("name", conversation, "block_chat", 1, "status", "Spam"));
        assertThat(publisher.names()).isEqualTo(List.of(BlockStatusUpdate.NAME, ConversationStatusUpdate.NAME));
        assertThat(save("last_message", "edited in the desk")).isEqualTo(List.of());
    }

    @Test
    void aStatusLogRowOfTheDocIsUsedAsItStands() {
        MessengerLifecycle lifecycle = messenger.lifecycle();
        MessengerConversation c = MessengerConversation.fromDoc(Map.of("name", "CONV-X", "status", "Replied",
                "status_log", List.of(Map.of("status", "Open", "changed_on", "2026-11-20 09:00:00", "changed_by", "a"),
                        Map.of("status", "Replied", "changed_on", "2026-11-20 10:00:00", "changed_by", "b"))));
        UpdateOutcome outcome = lifecycle.onConversationUpdate(c);
        ConversationStatusUpdate e = (ConversationStatusUpdate) outcome.events().get(0).event();
        assertThat(e.statusLog())
                .isEqualTo(new ConversationStatusUpdate.StatusLog("Replied", "2026-11-20 10:00:00", "b"));
    }

    @Test
    void aDocWithoutAStatusLogIsStillAnnouncedWithItsModifiedAndModifiedBy() {
        MessengerConversation c = MessengerConversation.fromDoc(Map.of("name", "CONV-Y", "status", "Closed",
                "modified", "2026-11-20 11:00:00.000001", "modified_by", "agent@x.com"));
        UpdateOutcome outcome = messenger.lifecycle().onConversationUpdate(c);
        ConversationStatusUpdate e = (ConversationStatusUpdate) outcome.events().get(0).event();
        assertThat(e.statusLog())
                .isEqualTo(new ConversationStatusUpdate.StatusLog("Closed", "2026-11-20 11:00:00.000001", "agent@x.com"));
    }

    @Test
    void disabledSettingsAnnounceNothing() {
        messenger.settings().set(MessengerSettings.disabled());
        assertThat(save("block_chat", 1)).isEqualTo(List.of());
    }
}
