package io.github.frappemessenger.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.event.BlockStatusUpdate;
import io.github.frappemessenger.event.ConversationUpdate;
import io.github.frappemessenger.event.MessageStatusUpdate;
import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.event.UnreadUpdate;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.fixtures.Docs;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The inbox never shows an older state than it showed: events by version, site reads by mark. */
class InboxOrderTest {
    private final MessengerInbox inbox = new MessengerInbox();
    private final MessengerConversation at10 = MessengerConversation.start("CONV-1", "Messenger", "42")
            .withLastMessage("ten", LocalDateTime.of(2026, 11, 20, 10, 0));
    private final MessengerConversation at11 = at10.withLastMessage("eleven", LocalDateTime.of(2026, 11, 20, 11, 0));

    @Test
    void anOlderConversationUpdateArrivingLateIsIgnored() {
        inbox.apply(new ConversationUpdate(at11, 5));
        inbox.apply(new ConversationUpdate(at10.mergedWith(Map.of("last_message", "stale")), 1));
        assertThat(inbox.conversations().get(0).lastMessage()).isEqualTo("eleven");
    }

    @Test
    void anOlderUnreadCountArrivingLateIsIgnoredAndTheSameVersionTwiceAppliesOnce() {
        inbox.apply(new ConversationUpdate(at10, 1));
        inbox.apply(new UnreadUpdate("CONV-1", 0, 7));
        inbox.apply(new UnreadUpdate("CONV-1", 3, 3));
        inbox.apply(new UnreadUpdate("CONV-1", 5, 7));
        assertThat(inbox.unreadCount("CONV-1")).isEqualTo(0);
    }

    @Test
    void anOlderConversationUpdateDoesNotUnblockAndAMessageOlderThanTheListIsStillAdded() {
        inbox.apply(new ConversationUpdate(at10, 1));
        inbox.open("CONV-1", List.of());
        inbox.apply(new UnreadUpdate("CONV-1", 1, 9));
        MessengerMessage late = MessengerMessage.fromDoc(Docs.with(
                Docs.incoming("MSG-1", "42", "ten", "2026-11-20 10:00:00"), "conversation", "CONV-1"));
        inbox.apply(new MessageUpdate(late, "CONV-1", 2));
        assertThat(inbox.openMessages()).isEqualTo(List.of(late));
        inbox.apply(new BlockStatusUpdate("CONV-1", true, 10));
        inbox.apply(new ConversationUpdate(at11, 4));
        assertThat(inbox.conversations()).as("the older update does not bring the blocked chat back").isEmpty();
    }

    @Test
    void anOlderStatusOfOneMessageIsIgnored() {
        MessengerMessage m = MessengerMessage.fromDoc(Docs.with(
                Docs.outgoing("MSG-1", "42", "hi", "2026-11-20 10:00:00"), "conversation", "CONV-1"));
        inbox.open("CONV-1", List.of(m));
        inbox.apply(new MessageStatusUpdate("mid", "read", "MSG-1", "CONV-1", 8));
        inbox.apply(new MessageStatusUpdate("mid", "delivered", "MSG-1", "CONV-1", 6));
        assertThat(inbox.openMessages().get(0).status()).isEqualTo("read");
    }

    @Test
    void aVersionReadFromTheWireOrdersToo() {
        inbox.apply("messenger:conversation_update", Map.of("conversation", at11.toDoc(), "type", "update",
                "version", 4));
        inbox.apply("messenger:conversation_update", Map.of("conversation", at10.toDoc(), "type", "update",
                "version", 2));
        assertThat(inbox.conversations().get(0).lastMessage()).isEqualTo("eleven");
    }

    @Test
    void aPollOrResyncBegunBeforeALiveEventDoesNotOverwriteIt() {
        inbox.apply(new ConversationUpdate(at10, 1));
        long mark = inbox.mark();
        inbox.apply(new UnreadUpdate("CONV-1", 4, 2));
        inbox.apply(new ConversationUpdate(at11, 3));
        inbox.replaceUnreadCounts(Map.of("CONV-1", 1L), mark);
        assertThat(inbox.unreadCount("CONV-1")).isEqualTo(4);
        assertThat(inbox.upsertIfUnchangedSince(at10, mark)).isFalse();
        assertThat(inbox.conversations().get(0).lastMessage()).isEqualTo("eleven");
        long later = inbox.mark();
        inbox.replaceUnreadCounts(Map.of(), later);
        assertThat(inbox.unreadCount("CONV-1")).as("a poll after the event applies").isEqualTo(0);
    }
}
