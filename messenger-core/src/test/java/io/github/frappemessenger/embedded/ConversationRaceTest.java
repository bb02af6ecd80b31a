package io.github.frappemessenger.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.fixtures.Docs;
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
import org.junit.jupiter.api.Test;

/** Many threads asking for the conversations of the same new senders at once get one conversation each. */
class ConversationRaceTest {
    private static final int SENDERS = 1_000;
    private static final int THREADS = 20;

    @Test
    void twentyThreadsRacingOnAThousandNewSendersMakeExactlyOneConversationEach() throws Exception {
        EmbeddedMessenger messenger = EmbeddedMessenger.create();
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

        assertThat(messenger.conversations().size()).isEqualTo(SENDERS);
        Set<String> distinct = new HashSet<>();
        namesBySender.forEach((sender, names) -> {
            assertThat(names).as(sender + " got " + names).hasSize(1);
            distinct.addAll(names);
        });
        assertThat(distinct).hasSize(SENDERS);
    }

    @Test
    void concurrentSavesOfMessagesFromOneNewSenderShareOneConversation() throws Exception {
        EmbeddedMessenger messenger = EmbeddedMessenger.create();
        int threads = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<String>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String name = "MSG-" + t;
            futures.add(pool.submit(() -> {
                start.await();
                return messenger.save(Docs.incoming(name, "new-sender", "hi", "2026-11-20 10:00:00")).conversation();
            }));
        }
        start.countDown();
        Set<String> conversations = new HashSet<>();
        for (Future<String> f : futures) {
            conversations.add(f.get());
        }
        pool.shutdown();
        assertThat(conversations).hasSize(1);
        assertThat(messenger.conversations().size()).isEqualTo(1);
        assertThat(messenger.messages().countUnread(conversations.iterator().next())).isEqualTo(threads);
    }
}
