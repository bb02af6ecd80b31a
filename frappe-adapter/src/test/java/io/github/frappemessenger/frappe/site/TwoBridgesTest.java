package io.github.frappemessenger.frappe.site;

import static io.github.frappemessenger.frappe.site.FrappeStandIn.CONVERSATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.frappe.internal.site.FrappeConversationStore;
import io.github.frappemessenger.frappe.internal.site.RedisConversationLock;
import io.github.frappemessenger.internal.FrappeDates;
import io.github.frappemessenger.model.MessengerConversation;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * Two independent bridge stacks (each its own FrappeClient, store and cache, Redis connection, lock and shared
 * last-message times) against one Frappe stand-in whose writes are slow enough for a search-then-insert race to be
 * real.
 */
class TwoBridgesTest {
    private static final int SENDERS = 200;
    private static final int THREADS_PER_BRIDGE = 8;

    private final String site = "race-" + UUID.randomUUID() + ".example.com";
    private final FrappeStandIn frappe = new FrappeStandIn();
    private final RedisClient redisA = RedisClient.create("127.0.0.1", 6379);
    private final RedisClient redisB = RedisClient.create("127.0.0.1", 6379);
    private final FrappeConversationStore bridgeA = bridge(redisA);
    private final FrappeConversationStore bridgeB = bridge(redisB);

    @AfterEach
    void close() {
        frappe.close();
        redisA.close();
        redisB.close();
    }

    private FrappeConversationStore bridge(RedisClient redis) {
        RedisConversationLock lock = RedisConversationLock.builder(redis, site).maxWait(Duration.ofSeconds(30)).build();
        return FrappeConversationStore.builder(frappe.client()).lock(lock).build();
    }

    @Test
    void sixteenThreadsOnTwoBridgesMakeExactlyOneConversationPerSender() throws Exception {
        frappe.insertDelay(Duration.ofMillis(3));
        List<String> senders = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            senders.add("psid-" + i);
        }
        Map<String, Set<String>> namesSeen = new ConcurrentHashMap<>();

        race(t -> {
            FrappeConversationStore store = t % 2 == 0 ? bridgeA : bridgeB;
            List<String> order = new ArrayList<>(senders);
            if (t >= 4) {
                Collections.shuffle(order, new Random(t)); // half in step (sharpest race), half in their own order
            }
            for (String sender : order) {
                String name = store.findOrCreate("Facebook", sender).name();
                namesSeen.computeIfAbsent(sender, k -> ConcurrentHashMap.newKeySet()).add(name);
            }
        });

        List<Map<String, Object>> stored = frappe.all(CONVERSATION);
        Map<Object, Long> perSender = stored.stream()
                .collect(Collectors.groupingBy(d -> d.get("sender_id"), Collectors.counting()));
        assertThat(perSender).as("a conversation for every sender").hasSize(SENDERS);
        assertThat(Set.copyOf(perSender.values())).as("no sender with two conversations").isEqualTo(Set.of(1L));
        assertThat(stored).hasSize(SENDERS);
        namesSeen.forEach((sender, names) -> assertThat(names).as(sender + " was given " + names).hasSize(1));
        long inserts = frappe.requests().stream().filter(r -> r.equals("POST /api/resource/" + CONVERSATION)).count();
        assertThat(inserts).as("the lock lets exactly one insert through per sender (no repair was needed)")
                .isEqualTo(SENDERS);
    }

    @Test
    void lastMessageTimeOnlyMovesForwardWhateverOrderTwoBridgesWriteIn() throws Exception {
        frappe.updateDelay(Duration.ofMillis(2));
        String name = bridgeA.findOrCreate("Facebook", "psid-1").name();
        bridgeB.get(name); // both caches hold the doc, and serve it during the race
        LocalDateTime base = LocalDateTime.of(2024, 5, 1, 10, 0);
        int perThread = 6;

        race(t -> {
            FrappeConversationStore store = t % 2 == 0 ? bridgeA : bridgeB;
            Random random = new Random(t);
            for (int i = 0; i < perThread; i++) {
                int second = random.nextInt(10_000);
                String conversation = store.findOrCreate("Facebook", "psid-1").name();
                store.recordLastMessage(conversation, "message at " + second, base.plusSeconds(second));
            }
        });

        int latest = 0;
        for (int t = 0; t < 2 * THREADS_PER_BRIDGE; t++) {
            Random random = new Random(t);
            for (int i = 0; i < perThread; i++) {
                latest = Math.max(latest, random.nextInt(10_000));
            }
        }
        Map<String, Object> stored = frappe.all(CONVERSATION).get(0);
        assertThat(stored.get("last_message_time")).isEqualTo(FrappeDates.format(base.plusSeconds(latest)));
        assertThat(stored.get("last_message")).isEqualTo("message at " + latest);
    }

    @Test
    void twoBridgesServingOneConversationFromTheirCachesNeverMoveItBackwards() {
        String name = bridgeA.findOrCreate("Facebook", "psid-1").name();
        assertThat(bridgeB.findOrCreate("Facebook", "psid-1").name()).isEqualTo(name);
        assertThat(bridgeB.get(name).orElseThrow().lastMessageTime()).as("B caches the doc: no last message yet")
                .isNull();
        LocalDateTime base = LocalDateTime.of(2024, 5, 1, 10, 0);
        bridgeA.recordLastMessage(name, "newer", base.plusSeconds(10));
        int before = frappe.requestCount();

        MessengerConversation seenByB = bridgeB.recordLastMessage(name, "older", base.plusSeconds(5));

        List<String> callsOfB = frappe.requests().subList(before, frappe.requestCount());
        assertThat(callsOfB).as("the shared time refused it: " + callsOfB).noneMatch(r -> r.startsWith("PUT"));
        assertThat(seenByB.lastMessage()).as("B answers the conversation as it stands, not its cache")
                .isEqualTo("newer");
        assertThat(frappe.all(CONVERSATION).get(0).get("last_message")).isEqualTo("newer");

        bridgeB.recordLastMessage(name, "newest", base.plusSeconds(20));
        bridgeA.recordLastMessage(name, "late", base.plusSeconds(15)); // A's cache still shows "newer"
        assertThat(frappe.all(CONVERSATION).get(0).get("last_message_time"))
                .isEqualTo(FrappeDates.format(base.plusSeconds(20)));
        assertThat(bridgeA.get(name).orElseThrow().lastMessage()).as("A read it while refusing 'late'")
                .isEqualTo("newest");
    }

    /** Runs {@code work(threadIndex)} on 16 threads released together; rethrows the first failure. */
    private static void race(ThrowingConsumer work) throws Exception {
        int threads = 2 * THREADS_PER_BRIDGE;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int index = t;
                done.add(pool.submit(() -> {
                    start.await();
                    work.accept(index);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface ThrowingConsumer {
        void accept(int threadIndex) throws Exception;
    }
}
