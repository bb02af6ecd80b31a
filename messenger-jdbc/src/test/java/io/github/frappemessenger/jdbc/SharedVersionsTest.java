package io.github.frappemessenger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.Messenger;
import io.github.frappemessenger.SaveResult;
import io.github.frappemessenger.event.MessengerEvent;
import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.fixtures.Docs;
import io.github.frappemessenger.fixtures.RecordingPublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two messengers on two pools — two processes, as far as the database can tell — save at once into the same few
 * conversations: the versions of each conversation's events come from the conversation's row, so none repeats, and
 * each publisher hears every conversation's versions rising.
 */
class SharedVersionsTest {
    private static final int SENDERS = 3;
    private static final int THREADS_PER_MESSENGER = 4;
    private static final int SAVES_PER_THREAD = 15;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void twoMessengersOnOneDatabaseNeverHandOutTheSameVersion(TestDatabase database) throws Exception {
        String url = database.newUrl();
        String prefix = TestDatabase.newPrefix();
        try (JdbcMessengerStore one = TestDatabase.open(url, prefix);
                JdbcMessengerStore two = TestDatabase.open(url, prefix)) {
            RecordingPublisher heardByOne = new RecordingPublisher();
            RecordingPublisher heardByTwo = new RecordingPublisher();
            List<Messenger> messengers = List.of(one.messenger().addPublisher(heardByOne).build(),
                    two.messenger().addPublisher(heardByTwo).build());
            ConcurrentLinkedQueue<SaveResult> saved = new ConcurrentLinkedQueue<>();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(2 * THREADS_PER_MESSENGER);
            List<Future<?>> running = new ArrayList<>();
            for (int m = 0; m < messengers.size(); m++) {
                for (int t = 0; t < THREADS_PER_MESSENGER; t++) {
                    Messenger messenger = messengers.get(m);
                    String thread = m + "-" + t;
                    running.add(threads.submit(() -> {
                        start.await();
                        for (int i = 0; i < SAVES_PER_THREAD; i++) {
                            saved.add(messenger.save(Docs.incoming("MSG-" + thread + "-" + i, "s" + (i % SENDERS),
                                    "hi " + i, "2026-11-20 10:00:" + String.format("%02d", i))));
                        }
                        return null;
                    }));
                }
            }
            start.countDown();
            for (Future<?> f : running) {
                f.get();
            }
            threads.shutdown();

            Map<String, TreeSet<Long>> committed = new TreeMap<>();
            int events = 0;
            for (SaveResult r : saved) {
                for (RealtimeEvent e : r.events()) {
                    events++;
                    assertThat(e.event().version()).as("every event is versioned").isGreaterThan(0);
                    assertThat(committed.computeIfAbsent(e.event().conversationId(), c -> new TreeSet<>())
                            .add(e.event().version()))
                            .as("version " + e.event().version() + " of "
                                    + e.event().conversationId() + " was handed out twice")
                            .isTrue();
                }
            }
            assertThat(committed).hasSize(SENDERS);
            assertThat(events)
                    .as("4 events per incoming message")
                    .isEqualTo(2 * THREADS_PER_MESSENGER * SAVES_PER_THREAD * 4);

            Map<String, TreeSet<Long>> published = new TreeMap<>();
            for (RecordingPublisher heard : List.of(heardByOne, heardByTwo)) {
                Map<String, Long> last = new TreeMap<>();
                for (RealtimeEvent e : heard.events()) {
                    MessengerEvent event = e.event();
                    Long before = last.put(event.conversationId(), event.version());
                    assertThat(before == null || before < event.version())
                            .as("a publisher heard " + event.version()
                                    + " of " + event.conversationId() + " after " + before)
                            .isTrue();
                    published.computeIfAbsent(event.conversationId(), c -> new TreeSet<>()).add(event.version());
                }
            }
            assertThat(published).as("every committed event was published").isEqualTo(committed);
            assertThat(one.pendingEvents()).isEqualTo(0);
        } finally {
            TestDatabase.drop(url, prefix);
        }
    }
}
