package io.github.frappemessenger.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.Subscription;
import io.github.frappemessenger.embedded.EmbeddedMessenger;
import io.github.frappemessenger.event.BlockStatusUpdate;
import io.github.frappemessenger.event.MessageUpdate;
import io.github.frappemessenger.event.UnreadUpdate;
import io.github.frappemessenger.fixtures.Docs;
import io.github.frappemessenger.internal.EventJson;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MessengerInboxTest {
    private final EmbeddedMessenger messenger = EmbeddedMessenger.create();
    private final MessengerInbox inbox = new MessengerInbox();

    MessengerInboxTest() {
        messenger.publisher().subscribe(e -> inbox.apply(e.event()));
    }

    private List<String> order() {
        return inbox.conversations().stream().map(InboxConversation::senderId).toList();
    }

    @Test
    void keepsConversationsSortedByLastMessageTimeNewestFirst() {
        messenger.save(Docs.incoming("M1", "alice", "a", "2026-11-20 10:00:00"));
        messenger.save(Docs.incoming("M2", "bob", "b", "2026-11-20 10:01:00"));
        assertEquals(List.of("bob", "alice"), order());

        messenger.save(Docs.incoming("M3", "alice", "a2", "2026-11-20 10:02:00"));
        assertEquals(List.of("alice", "bob"), order());
        assertEquals("a2", inbox.conversations().get(0).lastMessage());
    }

    @Test
    void aLateOlderMessageDoesNotReorderTheList() {
        messenger.save(Docs.incoming("M1", "alice", "a", "2026-11-20 10:05:00"));
        messenger.save(Docs.incoming("M2", "bob", "b", "2026-11-20 10:01:00"));
        messenger.save(Docs.incoming("M3", "alice", "late", "2026-11-20 09:00:00"));
        assertEquals(List.of("alice", "bob"), order());
        assertEquals("a", inbox.conversations().get(0).lastMessage());
    }

    @Test
    void appendsNewMessagesToTheOpenConversationOnceEach() {
        MessengerMessage first = messenger.save(Docs.incoming("M1", "alice", "a", "2026-11-20 10:00:00"));
        inbox.open(first.conversation(), List.of(first));
        messenger.save(Docs.incoming("M2", "alice", "b", "2026-11-20 10:01:00"));
        messenger.save(Docs.incoming("M3", "bob", "other chat", "2026-11-20 10:02:00"));
        MessengerMessage second = messenger.messages().get("M2").orElseThrow();
        inbox.apply(new MessageUpdate(second, first.conversation()));

        assertEquals(List.of("M1", "M2"), inbox.openMessages().stream().map(MessengerMessage::name).toList());
    }

    @Test
    void unreadCountsAreReplacedNotAddedTo() {
        MessengerMessage m = messenger.save(Docs.incoming("M1", "alice", "a", "2026-11-20 10:00:00"));
        messenger.save(Docs.incoming("M2", "alice", "b", "2026-11-20 10:01:00"));
        assertEquals(2, inbox.unreadCount(m.conversation()));
        inbox.apply(new UnreadUpdate(m.conversation(), 2));
        assertEquals(2, inbox.unreadCount(m.conversation()));
        messenger.save(Map.of("name", "M1", "is_read", 1));
        assertEquals(1, inbox.unreadCount(m.conversation()));
    }

    @Test
    void aPollReplacesEveryCountAndZeroesConversationsItDoesNotName() {
        MessengerMessage a = messenger.save(Docs.incoming("M1", "alice", "a", "2026-11-20 10:00:00"));
        MessengerMessage b = messenger.save(Docs.incoming("M2", "bob", "b", "2026-11-20 10:01:00"));
        inbox.replaceUnreadCounts(Map.of(a.conversation(), 5L));
        assertEquals(5, inbox.unreadCount(a.conversation()));
        assertEquals(0, inbox.unreadCount(b.conversation()));
    }

    @Test
    void aClosedChangeSubscriptionHearsNoMoreChanges() {
        int[] heard = {0};
        Subscription subscription = inbox.onChange(() -> heard[0]++);
        inbox.upsert(MessengerConversation.start("CONV-1", "Messenger", "42"));
        subscription.close();
        subscription.close();
        inbox.upsert(MessengerConversation.start("CONV-2", "Messenger", "43"));
        assertEquals(1, heard[0]);
    }

    @Test
    void aBlockedConversationLeavesTheList() {
        MessengerMessage a = messenger.save(Docs.incoming("M1", "alice", "a", "2026-11-20 10:00:00"));
        messenger.save(Docs.incoming("M2", "bob", "b", "2026-11-20 10:01:00"));
        inbox.apply(new BlockStatusUpdate(a.conversation(), true));
        assertEquals(List.of("bob"), order());
    }

    @Test
    void appliesEventsAsTheyArriveOnTheWire() throws Exception {
        EmbeddedMessenger other = EmbeddedMessenger.create();
        MessengerInbox wireInbox = new MessengerInbox();
        ObjectMapper mapper = new ObjectMapper();
        EventJson json = new EventJson();
        other.publisher().subscribe(e -> {
            try {
                Map<?, ?> wire = mapper.readValue(json.toWireJson(e), Map.class);
                @SuppressWarnings("unchecked")
                Map<String, Object> payload = (Map<String, Object>) wire.get("message");
                assertTrue(wireInbox.apply((String) wire.get("event"), payload));
            } catch (java.io.IOException ex) {
                throw new AssertionError(ex);
            }
        });
        MessengerMessage m = other.save(Docs.incoming("M1", "alice", "a", "2026-11-20 10:00:00"));
        assertEquals(1, wireInbox.unreadCount(m.conversation()));
        assertEquals("alice", wireInbox.conversations().get(0).senderId());
        assertFalse(wireInbox.apply("list_update", Map.of()));
    }

    @Test
    void listenersHearEveryChange() {
        AtomicInteger changes = new AtomicInteger();
        inbox.onChange(changes::incrementAndGet);
        messenger.save(Docs.incoming("M1", "alice", "a", "2026-11-20 10:00:00"));
        assertEquals(4, changes.get());
    }
}
