package io.github.frappemessenger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.frappemessenger.embedded.InMemoryConversationStore;
import io.github.frappemessenger.embedded.InMemoryErrorLog;
import io.github.frappemessenger.embedded.InMemoryMessageStore;
import io.github.frappemessenger.embedded.InMemorySettings;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.lifecycle.MessengerValidationException;
import io.github.frappemessenger.port.TransactionalOutbox;
import io.github.frappemessenger.fixtures.Docs;
import io.github.frappemessenger.fixtures.RecordingPublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class MessengerTest {
    private final InMemoryConversationStore conversations = new InMemoryConversationStore();
    private final InMemoryMessageStore messages = new InMemoryMessageStore();

    private Messenger.Builder wired() {
        return Messenger.builder().conversationStore(conversations).messageStore(messages)
                .errorLog(new InMemoryErrorLog()).settingsSource(new InMemorySettings());
    }

    @Test
    void saveSaysWhetherItInsertedOrUpdatedAndWhichEventsItSent() {
        Messenger messenger = wired().build();
        SaveResult first = messenger.save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));
        SaveResult second = messenger.save(Map.of("name", "MSG-1", "is_read", 1));

        assertTrue(first.inserted());
        assertTrue(second.updated());
        assertEquals(4, first.events().size());
        assertEquals("hi", second.message().message());
        assertEquals(0, messages.countUnread(first.message().conversation()));
    }

    @Test
    void everyPublisherHearsEveryEventInOrderEvenWhenAnotherFails() {
        RecordingPublisher a = new RecordingPublisher();
        RecordingPublisher b = new RecordingPublisher();
        Messenger messenger = wired().addPublisher(a).addPublisher(e -> {
            throw new IllegalStateException("down");
        }).addPublisher(b).build();

        SaveResult r = messenger.save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));

        assertEquals(a.names(), b.names());
        assertEquals(4, b.events().size());
        assertTrue(r.outcome().failed(), "the failing publisher is reported as on_update's failure");
    }

    @Test
    void aDocWithoutNameGetsAFreshOneEachTime() {
        Messenger messenger = wired().build();
        // no provider message_id: the same doc twice is two messages, not a provider retry
        Map<String, Object> doc = Docs.with(Docs.with(Docs.incoming("x", "42", "hi", "2026-11-20 10:00:00"),
                "name", null), "message_id", null);
        String one = messenger.save(doc).message().name();
        String two = messenger.save(doc).message().name();
        assertTrue(one.startsWith("MSG-") && !one.equals(two), one + " " + two);
    }

    @Test
    void theBuilderNamesAMissingPortAndRefusesASecondValue() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> Messenger.builder().conversationStore(conversations).build());
        assertTrue(missing.getMessage().contains("messageStore"), missing.getMessage());
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> Messenger.builder().messageStore(messages).messageStore(messages));
        assertTrue(twice.getMessage().contains("messageStore"), twice.getMessage());
    }

    @Test
    void withAnOutboxEventsLeaveAfterTheCommitAndARefusedSaveEmitsNothing() {
        RecordingPublisher heard = new RecordingPublisher();
        FakeOutbox outbox = new FakeOutbox(heard);
        Messenger messenger = wired().transactionalOutbox(outbox).addPublisher(heard).build();

        SaveResult r = messenger.save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));
        assertThrows(MessengerValidationException.class,
                () -> messenger.save(Docs.with(Docs.incoming("MSG-2", "42", "hi", null), "platform", null)));

        assertEquals(List.of(true, false), outbox.commits);
        assertEquals(4, heard.events().size());
        assertEquals(r.events(), heard.events());
        assertEquals(0, outbox.pendingSeenByPublisher, "nothing published while the transaction was open");
        assertEquals(Map.of(), outbox.pending, "published events are forgotten");
    }

    @Test
    void exceptionsSayWhetherARetryCanHelp() {
        assertTrue(new ConversationNotFoundException("CONV-1").isTransient());
        assertFalse(new MessengerValidationException("MSG-1", "no").isTransient());
        assertTrue(new MessengerValidationException("MSG-1", "no") instanceof MessengerException);
    }

    /** Commits when the work returns, drops the events when it throws; keeps what was committed until forgotten. */
    private static final class FakeOutbox implements TransactionalOutbox {
        final List<Boolean> commits = new ArrayList<>();
        final RecordingPublisher heard;
        List<RealtimeEvent> open;
        final Map<Long, RealtimeEvent> pending = new TreeMap<>();
        long nextId = 1;
        int pendingSeenByPublisher;

        FakeOutbox(RecordingPublisher heard) {
            this.heard = heard;
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            open = new ArrayList<>();
            int heardBefore = heard.events().size();
            try {
                T result = work.get();
                pendingSeenByPublisher += heard.events().size() - heardBefore;
                for (RealtimeEvent e : open) {
                    pending.put(nextId++, e);
                }
                commits.add(true);
                return result;
            } catch (RuntimeException e) {
                commits.add(false);
                throw e;
            }
        }

        @Override
        public List<Long> add(List<RealtimeEvent> events) {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                ids.add(nextId + open.size() + i);
            }
            open.addAll(events);
            return ids;
        }

        @Override
        public void forget(List<Long> ids) {
            ids.forEach(pending::remove);
        }

        @Override
        public int relay(Consumer<List<RealtimeEvent>> publish) {
            List<RealtimeEvent> batch = List.copyOf(pending.values());
            publish.accept(batch);
            pending.clear();
            return batch.size();
        }
    }
}
