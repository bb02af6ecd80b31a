package io.github.frappemessenger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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

        assertThat(first.inserted()).isTrue();
        assertThat(second.updated()).isTrue();
        assertThat(first.events()).hasSize(4);
        assertThat(second.message().message()).isEqualTo("hi");
        assertThat(messages.countUnread(first.message().conversation())).isEqualTo(0);
    }

    @Test
    void everyPublisherHearsEveryEventInOrderEvenWhenAnotherFails() {
        RecordingPublisher a = new RecordingPublisher();
        RecordingPublisher b = new RecordingPublisher();
        Messenger messenger = wired().addPublisher(a).addPublisher(e -> {
            throw new IllegalStateException("down");
        }).addPublisher(b).build();

        SaveResult r = messenger.save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));

        assertThat(b.names()).isEqualTo(a.names());
        assertThat(b.events()).hasSize(4);
        assertThat(r.outcome().failed()).as("the failing publisher is reported as on_update's failure").isTrue();
    }

    @Test
    void aDocWithoutNameGetsAFreshOneEachTime() {
        Messenger messenger = wired().build();
        // no provider message_id: the same doc twice is two messages, not a provider retry
        Map<String, Object> doc = Docs.with(Docs.with(Docs.incoming("x", "42", "hi", "2026-11-20 10:00:00"),
                "name", null), "message_id", null);
        String one = messenger.save(doc).message().name();
        String two = messenger.save(doc).message().name();
        assertThat(one).startsWith("MSG-").isNotEqualTo(two);
    }

    @Test
    void theBuilderNamesAMissingPortAndRefusesASecondValue() {
        IllegalStateException missing = assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> Messenger.builder().conversationStore(conversations).build())
                .actual();
        assertThat(missing.getMessage()).contains("messageStore");
        IllegalStateException twice = assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> Messenger.builder().messageStore(messages).messageStore(messages))
                .actual();
        assertThat(twice.getMessage()).contains("messageStore");
    }

    @Test
    void withAnOutboxEventsLeaveAfterTheCommitAndARefusedSaveEmitsNothing() {
        RecordingPublisher heard = new RecordingPublisher();
        FakeOutbox outbox = new FakeOutbox(heard);
        Messenger messenger = wired().transactionalOutbox(outbox).addPublisher(heard).build();

        SaveResult r = messenger.save(Docs.incoming("MSG-1", "42", "hi", "2026-11-20 10:00:00"));
        assertThatExceptionOfType(MessengerValidationException.class)
                .isThrownBy(() -> messenger.save(Docs.with(Docs.incoming("MSG-2", "42", "hi", null), "platform", null)));

        assertThat(outbox.commits).isEqualTo(List.of(true, false));
        assertThat(heard.events()).hasSize(4);
        assertThat(heard.events()).isEqualTo(r.events());
        assertThat(outbox.pendingSeenByPublisher).as("nothing published while the transaction was open").isEqualTo(0);
        assertThat(outbox.pending).as("published events are forgotten").isEqualTo(Map.of());
    }

    @Test
    void exceptionsSayWhetherARetryCanHelp() {
        assertThat(new ConversationNotFoundException("CONV-1").isTransient()).isTrue();
        assertThat(new MessengerValidationException("MSG-1", "no").isTransient()).isFalse();
        assertThat(new MessengerValidationException("MSG-1", "no")).isInstanceOf(MessengerException.class);
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
