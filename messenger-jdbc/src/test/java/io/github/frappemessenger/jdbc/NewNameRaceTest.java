package io.github.frappemessenger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.Messenger;
import io.github.frappemessenger.SaveResult;
import io.github.frappemessenger.fixtures.Docs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Messengers on two pools (two processes, as far as the database can tell) save the same new message name at the same
 * moment: one save inserts it, the others run again and become its updates; none fails and none overwrites the
 * insert as if it were new. (SQLite's transactions take the file's write lock when they begin, so there the saves
 * never overlap; PostgreSQL let the later insert overwrite the earlier, MariaDB refused it.)
 */
class NewNameRaceTest {
    private static final int NAMES = 10;
    private static final int THREADS_PER_MESSENGER = 2;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void savesOfOneNewNameAtOnceMakeOneInsertAndUpdates(TestDatabase database) throws Exception {
        String url = database.newUrl();
        String prefix = TestDatabase.newPrefix();
        try (JdbcMessengerStore one = TestDatabase.open(url, prefix);
                JdbcMessengerStore two = TestDatabase.open(url, prefix)) {
            List<Messenger> messengers = List.of(one.messenger().build(), two.messenger().build());
            int threads = messengers.size() * THREADS_PER_MESSENGER;
            CyclicBarrier together = new CyclicBarrier(threads);
            ConcurrentLinkedQueue<SaveResult> saved = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Messenger messenger = messengers.get(t % messengers.size());
                int thread = t;
                running.add(pool.submit(() -> {
                    for (int n = 0; n < NAMES; n++) {
                        together.await(); // every thread saves name n at the same moment
                        // the same message (name and provider id) delivered to both processes, as a retried webhook
                        saved.add(messenger.save(Docs.incoming("MSG-RACE-" + n, "42", "from " + thread,
                                "2026-11-20 10:00:00")));
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(); // none failed
            }
            pool.shutdown();

            Map<String, Integer> inserts = new TreeMap<>();
            for (SaveResult r : saved) {
                inserts.merge(r.message().name(), r.inserted() ? 1 : 0, Integer::sum);
            }
            assertThat(inserts).hasSize(NAMES);
            inserts.forEach((name, count) -> assertThat(count)
                    .as(name + " was inserted " + count + " times")
                    .isEqualTo(1));
            assertThat(StoreRows.messages(one).size()).isEqualTo(NAMES);
            for (int n = 0; n < NAMES; n++) {
                assertThat(one.messages().get("MSG-RACE-" + n)).isPresent();
            }
            assertThat(StoreRows.conversations(one).size()).isEqualTo(1);
            assertThat(one.pendingEvents()).isEqualTo(0);
        } finally {
            TestDatabase.drop(url, prefix);
        }
    }
}
