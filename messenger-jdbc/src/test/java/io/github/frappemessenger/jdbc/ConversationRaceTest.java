package io.github.frappemessenger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.Messenger;
import io.github.frappemessenger.model.MessengerConversation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Twenty threads race on a thousand new senders: the unique key leaves exactly one conversation per sender. */
class ConversationRaceTest {
    private static final int SENDERS = 1_000;
    private static final int THREADS = 20;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void twentyThreadsOnAThousandNewSendersMakeExactlyOneConversationEach(TestDatabase database) throws Exception {
        String url = database.newUrl();
        String prefix = TestDatabase.newPrefix();
        try (JdbcMessengerStore store = TestDatabase.open(url, prefix)) {
            Messenger messenger = store.messenger().build();
            Map<String, Set<String>> namesBySender = new ConcurrentHashMap<>();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int s = 0; s < SENDERS; s++) {
                        MessengerConversation c = messenger.lifecycle().getOrCreateConversation("Messenger", "s" + s);
                        namesBySender.computeIfAbsent("s" + s, k -> ConcurrentHashMap.newKeySet()).add(c.name());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();

            assertThat(StoreRows.conversations(store).size()).isEqualTo(SENDERS);
            Set<String> distinct = new HashSet<>();
            namesBySender.forEach((sender, names) -> {
                assertThat(names).as(sender + " got " + names).hasSize(1);
                distinct.addAll(names);
            });
            assertThat(distinct).hasSize(SENDERS);
        } finally {
            TestDatabase.drop(url, prefix);
        }
    }
}
