package io.github.frappemessenger.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.port.ConversationVersions;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Versions under many threads: unique, gap-free, and in one process published in increasing order. */
class VersionConcurrencyTest {
    private static final int THREADS = 8;
    private static final int SAVES = 200;

    @Test
    void concurrentSavesOfOneConversationPublishStrictlyIncreasingVersions() throws Exception {
        Map<String, List<Long>> heard = new ConcurrentHashMap<>();
        EmbeddedMessenger messenger = EmbeddedMessenger.builder().publisher(e -> heard
                .computeIfAbsent(e.event().conversationId(), c -> new ArrayList<>()).add(e.event().version()))
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < SAVES; i++) {
                    String name = "MSG-" + thread + "-" + i;
                    messenger.save(i % 3 == 0 ? Docs.outgoing(name, "42", "out", "2026-11-20 10:00:00")
                            : Docs.incoming(name, "42", "in", "2026-11-20 10:00:00"));
                    if (i % 10 == 0) {
                        messenger.save(Map.of("name", name, "is_read", 1));
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        List<Long> versions = heard.get("CONV-000001");
        for (int i = 1; i < versions.size(); i++) {
            assertThat(versions.get(i)).as("published in increasing order at " + i).isGreaterThan(versions.get(i - 1));
        }
        assertThat(versions.get(versions.size() - 1)).as("from 1, without gaps").isEqualTo(versions.size());
    }

    @Test
    void theInJvmStoreNeverHandsOutOneVersionTwice() throws Exception {
        ConversationVersions versions = ConversationVersions.inJvm();
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < 1_000; i++) {
                    long first = versions.next("CONV-1", 3);
                    for (long v = first; v < first + 3; v++) {
                        assertThat(seen.add(v)).as("version " + v + " handed out twice").isTrue();
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(seen).hasSize(THREADS * 3_000);
        assertThat((long) seen.size()).isEqualTo(new HashSet<>(seen).stream().mapToLong(Long::longValue).max().orElseThrow());
    }
}
