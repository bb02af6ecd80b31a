package io.github.frappemessenger.frappe.internal.site;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/** Against the Redis on 127.0.0.1:6379; each test uses its own site name, so keys never meet. */
class RedisConversationLockTest {
    private final String site = "test-" + UUID.randomUUID() + ".example.com";
    private final RedisClient redis = RedisClient.create("127.0.0.1", 6379);
    private final RedisClient otherRedis = RedisClient.create("127.0.0.1", 6379);

    @AfterEach
    void close() {
        redis.close();
        otherRedis.close();
    }

    private RedisConversationLock lock(RedisClient client) {
        return RedisConversationLock.builder(client, site).maxWait(Duration.ofSeconds(10)).build();
    }

    @Test
    void theLockLivesUnderTheSiteNamespaceWhileHeldAndIsGoneAfter() {
        RedisConversationLock lock = lock(redis);
        String key = "messenger:lock:" + site + ":sender:Facebook:abc";
        assertEquals(key, lock.redisKey("sender:Facebook:abc"));

        String seenInside = lock.withLock("sender:Facebook:abc", () -> redis.get(key));

        assertNotNull(seenInside, "the key is set while the action runs");
        assertNull(redis.get(key), "the key is deleted on release");
    }

    @Test
    void releaseNeverDeletesAnotherHoldersLock() {
        RedisConversationLock lock = lock(redis);
        String key = lock.redisKey("conversation:CONV-1");

        // Our lock expires mid-action and another process takes it: our release must leave theirs alone.
        lock.withLock("conversation:CONV-1", () -> redis.set(key, "their-token"));

        assertEquals("their-token", redis.get(key));
        redis.del(key);
    }

    @Test
    void aLockHeldElsewhereTimesOutWithAClearExceptionAndTheActionNeverRuns() {
        RedisConversationLock lock = RedisConversationLock.builder(redis, site).maxWait(Duration.ofMillis(100)).build();
        String key = lock.redisKey("sender:WhatsApp:xyz");
        otherRedis.set(key, "other-process", SetParams.setParams().px(10_000));
        AtomicBoolean ran = new AtomicBoolean();

        ConversationLockException e = assertThrows(ConversationLockException.class,
                () -> lock.withLock("sender:WhatsApp:xyz", () -> ran.getAndSet(true)));

        assertFalse(ran.get());
        assertEquals(key, e.key());
        assertTrue(e.getMessage().contains("timed out after 100 ms waiting for the lock " + key), e.getMessage());
        assertEquals("other-process", redis.get(key), "a waiter that gives up leaves the holder's lock alone");
        redis.del(key);
    }

    @Test
    void theLockIsReleasedWhenTheActionThrows() {
        RedisConversationLock lock = lock(redis);

        assertThrows(IllegalStateException.class, () -> lock.withLock("k", () -> {
            throw new IllegalStateException("boom");
        }));

        assertNull(redis.get(lock.redisKey("k")));
    }

    @Test
    void aLockLeftByADeadHolderExpiresByItsTtl() {
        RedisConversationLock lock = lock(redis);
        otherRedis.set(lock.redisKey("k"), "dead-process", SetParams.setParams().px(50));

        assertEquals("ran", lock.withLock("k", () -> "ran"));
    }

    @Test
    void aWaiterRunsOnlyAfterTheHolderOnAnotherConnectionReleases() throws Exception {
        RedisConversationLock first = lock(redis);
        RedisConversationLock second = lock(otherRedis);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        Thread holder = new Thread(() -> first.withLock("k", () -> {
            holding.countDown();
            awaitLatch(letGo);
            return order.add("first done");
        }));
        Thread waiter = new Thread(() -> second.withLock("k", () -> order.add("second ran")));
        holder.start();
        assertTrue(holding.await(5, TimeUnit.SECONDS));
        waiter.start();
        // The waiter sleeps between tries only once Redis has refused it the lock.
        await().atMost(Duration.ofSeconds(5)).until(() -> waiter.getState() == Thread.State.TIMED_WAITING);
        assertEquals(List.of(), order);

        letGo.countDown();
        holder.join(10_000);
        waiter.join(10_000);

        assertEquals(List.of("first done", "second ran"), order);
    }

    @Test
    void twoProcessesNeverRunTheirActionsAtOnce() throws Exception {
        RedisConversationLock[] locks = {lock(redis), lock(otherRedis)};
        int[] counter = {0}; // deliberately unsynchronised: only the lock keeps the increments whole
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            RedisConversationLock lock = locks[t % 2];
            done.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    lock.withLock("counter", () -> {
                        int read = counter[0];
                        Thread.yield();
                        counter[0] = read + 1;
                        return null;
                    });
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(16 * 50, counter[0]);
    }

    @Test
    void aLeaseIsSoleWhileNoEarlierHolderIsAtWorkAndLeavesNoKeyBehind() {
        RedisConversationLock lock = lock(redis);
        String holders = "messenger:lockholders:" + site + ":sender:Facebook:abc";

        List<Object> seen = lock.withLease("sender:Facebook:abc", lease -> List.of(lease.soleHolder(),
                lease.earlierHolders(), redis.exists(holders)));

        assertEquals(List.of(true, 0L, true), seen, "alone, and listed while at work");
        assertFalse(redis.exists(holders), "a holder that returned is off the list, and an empty list is no key");
        assertNull(redis.get(lock.redisKey("sender:Facebook:abc")));
    }

    @Test
    void aLeaseIsNoLongerSoleOnceItsTtlRanOut() {
        RedisConversationLock lock = RedisConversationLock.builder(redis, site).ttl(Duration.ofMillis(100)).build();
        String key = lock.redisKey("sender:Facebook:abc");

        List<Boolean> sole = lock.withLease("sender:Facebook:abc", lease -> {
            boolean before = lease.soleHolder();
            await().atMost(Duration.ofSeconds(10)).until(() -> !redis.exists(key)); // Redis let it expire
            return List.of(before, lease.soleHolder());
        });

        assertEquals(List.of(true, false), sole);
    }

    @Test
    void whoTakesTheLockWhileAnEarlierHolderIsStillAtWorkIsNotSoleEvenWithAFreshLease() {
        RedisConversationLock slow = RedisConversationLock.builder(redis, site).ttl(Duration.ofMillis(100)).build();
        RedisConversationLock next = lock(otherRedis);

        // The slow holder's lock expires while it works; the next one takes it meanwhile (Redis is not reentrant).
        LockLease nextsLease = slow.withLease("sender:Facebook:abc", lease -> next.withLease("sender:Facebook:abc",
                inner -> inner));
        LockLease afterBoth = next.withLease("sender:Facebook:abc", lease -> lease);

        assertEquals(1, nextsLease.earlierHolders(), "the slow holder was still listed");
        assertFalse(nextsLease.soleHolder());
        assertTrue(afterBoth.soleHolder(), "both returned: nobody is listed any more");
    }

    @Test
    void aHolderWhoseActionFailedStaysListedSoTheNextIsNotSole() {
        RedisConversationLock lock = lock(redis);
        String holders = "messenger:lockholders:" + site + ":sender:Facebook:abc";

        assertThrows(IllegalStateException.class, () -> lock.withLease("sender:Facebook:abc", lease -> {
            throw new IllegalStateException("the insert's answer was lost");
        }));
        LockLease next = lock(otherRedis).withLease("sender:Facebook:abc", lease -> lease);

        assertNull(redis.get(lock.redisKey("sender:Facebook:abc")), "the lock itself is released");
        assertEquals(1, next.earlierHolders(), "its writes may still land: it stays listed");
        assertFalse(next.soleHolder());
        long listedFor = redis.pttl(holders);
        assertTrue(listedFor > 0 && listedFor <= 10 * 15_000, "listed for at most 10 lock TTLs: " + listedFor);
        redis.del(holders);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertTrue(latch.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
