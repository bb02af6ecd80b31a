package io.github.frappemessenger.inbox;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(order()).isEqualTo(List.of("bob", "alice"));

        messenger.save(Docs.incoming("M3", "alice", "a2", "2026-11-20 10:02:00"));
        assertThat(order()).isEqualTo(List.of("alice", "bob"));
        assertThat(inbox.conversations().get(0).lastMessage()).isEqualTo("a2");
    }

    @Test
    void aLateOlderMessageDoesNotReorderTheList() {
        messenger.save(Docs.incoming("M1", "alice", "a", "2026-11-20 10:05:00"));
        messenger.save(Docs.incoming("M2", "bob", "b", "2026-11-20 10:01:00"));
        messenger.save(Docs.incoming("M3", "alice", "late", "2026-11-20 09:00:00"));
        assertThat(order()).isEqualTo(List.of("alice", "bob"));
        assertThat(inbox.conversations().get(0).lastMessage()).isEqualTo("a");
    }

    @Test
    void appendsNewMessagesToTheOpenConversationOnceEach() {
        MessengerMessage first = messenger.save(Docs.incoming("M1", "alice", "a", "2026-11-20 10:00:00"));
        inbox.open(first.conversation(), List.of(first));
        messenger.save(Docs.incoming("M2", "alice", "b", "2026-11-20 10:01:00"));
        messenger.save(Docs.incoming("M3", "bob", "other chat", "2026-11-20 10:02:00"));
        MessengerMessage second = messenger.messages().get("M2").orElseThrow();
        inbox.apply(new MessageUpdate(second, first.conversation()));

        assertThat(inbox.openMessages().stream().map(MessengerMessage::name).toList()).isEqualTo(List.of("M1", "M2"));
    }

    @Test
    void unreadCountsAreReplacedNotAddedTo() {
        MessengerMessage m = messenger.save(Docs.incoming("M1", "alice", "a", "2026-11-20 10:00:00"));
        messenger.save(Docs.incoming("M2", "alice", "b", "2026-11-20 10:01:00"));
        assertThat(inbox.unreadCount(m.conversation())).isEqualTo(2);
        inbox.apply(new UnreadUpdate(m.conversation(), 2));
        assertThat(inbox.unreadCount(m.conversation())).isEqualTo(2);
        messenger.save(Map.of("name", "M1", "is_read", 1));
        assertThat(inbox.unreadCount(m.conversation())).isEqualTo(1);
    }

    @Test
    void aPollReplacesEveryCountAndZeroesConversationsItDoesNotName() {
        MessengerMessage a = messenger.save(Docs.incoming("M1", "alice", "a", "2026-11-20 10:00:00"));
        MessengerMessage b = messenger.save(Docs.incoming("M2", "bob", "b", "2026-11-20 10:01:00"));
        inbox.replaceUnreadCounts(Map.of(a.conversation(), 5L));
        assertThat(inbox.unreadCount(a.conversation())).isEqualTo(5);
        assertThat(inbox.unreadCount(b.conversation())).isEqualTo(0);
    }

    @Test
    void aClosedChangeSubscriptionHearsNoMoreChanges() {
        int[] heard = {0};
        Subscription subscription = inbox.onChange(() -> heard[0]++);
        inbox.upsert(MessengerConversation.start("CONV-1", "Messenger", "42"));
        subscription.close();
        subscription.close();
        inbox.upsert(MessengerConversation.start("CONV-2", "Messenger", "43"));
        assertThat(heard[0]).isEqualTo(1);
    }

    @Test
    void aBlockedConversationLeavesTheList() {
        MessengerMessage a = messenger.save(Docs.incoming("M1", "alice", "a", "2026-11-20 10:00:00"));
        messenger.save(Docs.incoming("M2", "bob", "b", "2026-11-20 10:01:00"));
        inbox.apply(new BlockStatusUpdate(a.conversation(), true));
        assertThat(order()).isEqualTo(List.of("bob"));
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
                assertThat(wireInbox.apply((String) wire.get("event"), payload)).isTrue();
            } catch (java.io.IOException ex) {
                throw new AssertionError(ex);
            }
        });
        MessengerMessage m = other.save(Docs.incoming("M1", "alice", "a", "2026-11-20 10:00:00"));
        assertThat(wireInbox.unreadCount(m.conversation())).isEqualTo(1);
        assertThat(wireInbox.conversations().get(0).senderId()).isEqualTo("alice");
        assertThat(wireInbox.apply("list_update", Map.of())).isFalse();
    }

    @Test
    void listenersHearEveryChange() {
        AtomicInteger changes = new AtomicInteger();
        inbox.onChange(changes::incrementAndGet);
        messenger.save(Docs.incoming("M1", "alice", "a", "2026-11-20 10:00:00"));
        assertThat(changes.get()).isEqualTo(4);
    }
}
