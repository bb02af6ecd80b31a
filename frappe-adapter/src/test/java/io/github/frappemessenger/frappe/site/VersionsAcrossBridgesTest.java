package io.github.frappemessenger.frappe.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.frappemessenger.event.RealtimeEvent;
import io.github.frappemessenger.frappe.internal.site.RedisConversationStates;
import io.github.frappemessenger.frappe.internal.site.RedisConversationVersions;
import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.model.MessengerConversation;
import io.github.frappemessenger.model.MessengerMessage;
import io.github.frappemessenger.port.ConversationStates.State;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * Versions shared through Redis: two bridge stacks (each its own FrappeClient, Redis connection and lifecycle) save
 * one conversation's messages at once; every event's version is unique and each stack publishes them rising.
 */
class VersionsAcrossBridgesTest {
    private static final int THREADS_PER_BRIDGE = 4;
    private static final int SAVES = 25;

    private final String site = "versions-" + UUID.randomUUID() + ".example.com";
    private final FrappeStandIn frappe = new FrappeStandIn();
    private final RedisClient redisA = RedisClient.create("127.0.0.1", 6379);
    private final RedisClient redisB = RedisClient.create("127.0.0.1", 6379);

    @AfterEach
    void close() {
        for (RedisClient r : List.of(redisA, redisB)) {
            r.keys("messenger:*:" + site + ":*").forEach(r::del);
            r.close();
        }
        frappe.close();
    }

    private MessengerLifecycle bridge(RedisClient redis, List<RealtimeEvent> published) {
        return FrappeSite.builder(frappe.client(), site).redis(redis).build()
                .lifecycle(e -> published.add(e));
    }

    @Test
    void concurrentSavesOnTwoBridgesNumberEveryEventOnceAndEachBridgePublishesThemRising() throws Exception {
        frappe.seed(MessengerConversation.DOCTYPE, Map.of("name", "CONV-1", "platform", "Messenger",
                "sender_id", "psid-1", "status", "Open", "block_chat", 0));
        List<RealtimeEvent> fromA = Collections.synchronizedList(new ArrayList<>());
        List<RealtimeEvent> fromB = Collections.synchronizedList(new ArrayList<>());
        MessengerLifecycle a = bridge(redisA, fromA);
        MessengerLifecycle b = bridge(redisB, fromB);

        ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_BRIDGE);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 2 * THREADS_PER_BRIDGE; t++) {
            MessengerLifecycle lifecycle = t % 2 == 0 ? a : b;
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < SAVES; i++) {
                    assertThat(lifecycle.onUpdate(outgoing("MSG-" + thread + "-" + i)).failed()).isFalse();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        List<Long> all = new ArrayList<>();
        for (List<RealtimeEvent> published : List.of(fromA, fromB)) {
            List<Long> versions = published.stream().map(e -> e.event().version()).toList();
            for (int i = 1; i < versions.size(); i++) {
                assertThat(versions.get(i)).as("one bridge publishes its versions rising")
                        .isGreaterThan(versions.get(i - 1));
            }
            all.addAll(versions);
        }
        int events = 2 * THREADS_PER_BRIDGE * SAVES * 3;
        assertThat(all).hasSize(events);
        assertThat(new HashSet<>(all)).as("no version handed out twice").hasSize(events);
        long first = Collections.min(all);
        assertThat(Collections.max(all)).as("without gaps").isEqualTo(first + events - 1);
        assertThat(first).as("a new counter starts at the time in milliseconds: " + first)
                .isGreaterThan(1_700_000_000_000L);
    }

    @Test
    void aCounterRedisLostStartsAboveEveryVersionBefore() {
        Clock early = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);
        RedisConversationVersions versions = RedisConversationVersions.builder(redisA, site).clock(early).build();
        long before = versions.next("CONV-1", 5) + 4;
        assertThat(versions.next("CONV-1", 1)).isEqualTo(before + 1);
        redisA.del(versions.redisKey("CONV-1"));
        RedisConversationVersions later = RedisConversationVersions.builder(redisA, site)
                .clock(Clock.offset(early, java.time.Duration.ofSeconds(1))).build();
        assertThat(later.next("CONV-1", 1)).isGreaterThan(before + 1);
        assertThat(redisA.pttl(versions.redisKey("CONV-1"))).as("the counter expires when idle").isPositive();
    }

    @Test
    void conversationStatesAreExchangedAtomicallyAndSharedByBridges() {
        RedisConversationStates a = new RedisConversationStates(redisA, site, RedisConversationStates.DEFAULT_TTL);
        RedisConversationStates b = new RedisConversationStates(redisB, site, RedisConversationStates.DEFAULT_TTL);
        assertThat(a.exchange("CONV-1", new State(true, "Open"))).isEmpty();
        assertThat(b.exchange("CONV-1", new State(false, "Closed"))).contains(new State(true, "Open"));
        assertThat(a.exchange("CONV-1", new State(false, null))).contains(new State(false, "Closed"));
        assertThat(b.exchange("CONV-1", new State(false, "Open"))).contains(new State(false, null));
        Set<String> keys = redisA.keys("messenger:state:" + site + ":*");
        assertThat(keys).containsExactly("messenger:state:" + site + ":CONV-1");
    }

    private static MessengerMessage outgoing(String name) {
        return MessengerMessage.fromDoc(Map.of("name", name, "message_id", "mid-" + name, "message", "hi",
                "sender_id", "psid-1", "timestamp", "2026-11-20 10:00:00", "message_direction", "Outgoing",
                "conversation", "CONV-1", "status", "sent", "platform", "Messenger"));
    }
}
