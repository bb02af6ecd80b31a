package io.github.frappemessenger.frappe.internal.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

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
        assertThat(lock.redisKey("sender:Facebook:abc")).isEqualTo(key);

        String seenInside = lock.withLock("sender:Facebook:abc", () -> redis.get(key));

        assertThat(seenInside).as("the key is set while the action runs").isNotNull();
        assertThat(redis.get(key)).as("the key is deleted on release").isNull();
    }

    @Test
    void releaseNeverDeletesAnotherHoldersLock() {
        RedisConversationLock lock = lock(redis);
        String key = lock.redisKey("conversation:CONV-1");

        // Our lock expires mid-action and another process takes it: our release must leave theirs alone.
        lock.withLock("conversation:CONV-1", () -> redis.set(key, "their-token"));

        assertThat(redis.get(key)).isEqualTo("their-token");
        redis.del(key);
    }

    @Test
    void aLockHeldElsewhereTimesOutWithAClearExceptionAndTheActionNeverRuns() {
        RedisConversationLock lock = RedisConversationLock.builder(redis, site).maxWait(Duration.ofMillis(100)).build();
        String key = lock.redisKey("sender:WhatsApp:xyz");
        otherRedis.set(key, "other-process", SetParams.setParams().px(10_000));
        AtomicBoolean ran = new AtomicBoolean();

        ConversationLockException e = assertThatExceptionOfType(ConversationLockException.class)
                .isThrownBy(() -> lock.withLock("sender:WhatsApp:xyz", () -> ran.getAndSet(true))).actual();

        assertThat(ran.get()).isFalse();
        assertThat(e.key()).isEqualTo(key);
        assertThat(e.getMessage()).contains("timed out after 100 ms waiting for the lock " + key);
        assertThat(redis.get(key))
                .as("a waiter that gives up leaves the holder's lock alone").isEqualTo("other-process");
        redis.del(key);
    }

    @Test
    void theLockIsReleasedWhenTheActionThrows() {
        RedisConversationLock lock = lock(redis);

        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> lock.withLock("k", () -> {
            throw new IllegalStateException("boom");
        }));

        assertThat(redis.get(lock.redisKey("k"))).isNull();
    }

    @Test
    void aLockLeftByADeadHolderExpiresByItsTtl() {
        RedisConversationLock lock = lock(redis);
        otherRedis.set(lock.redisKey("k"), "dead-process", SetParams.setParams().px(50));

        assertThat(lock.withLock("k", () -> "ran")).isEqualTo("ran");
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
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        waiter.start();
        // The waiter sleeps between tries only once Redis has refused it the lock.
        await().atMost(Duration.ofSeconds(5)).until(() -> waiter.getState() == Thread.State.TIMED_WAITING);
        assertThat(order).isEmpty();

        letGo.countDown();
        holder.join(10_000);
        waiter.join(10_000);

        assertThat(order).isEqualTo(List.of("first done", "second ran"));
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
        assertThat(counter[0]).isEqualTo(16 * 50);
    }

    @Test
    void aLeaseIsSoleWhileNoEarlierHolderIsAtWorkAndLeavesNoKeyBehind() {
        RedisConversationLock lock = lock(redis);
        String holders = "messenger:lockholders:" + site + ":sender:Facebook:abc";

        List<Object> seen = lock.withLease("sender:Facebook:abc", lease -> List.of(lease.soleHolder(),
                lease.earlierHolders(), redis.exists(holders)));

        assertThat(seen).as("alone, and listed while at work").isEqualTo(List.of(true, 0L, true));
        assertThat(redis.exists(holders))
                .as("a holder that returned is off the list, and an empty list is no key").isFalse();
        assertThat(redis.get(lock.redisKey("sender:Facebook:abc"))).isNull();
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

        assertThat(sole).isEqualTo(List.of(true, false));
    }

    @Test
    void whoTakesTheLockWhileAnEarlierHolderIsStillAtWorkIsNotSoleEvenWithAFreshLease() {
        RedisConversationLock slow = RedisConversationLock.builder(redis, site).ttl(Duration.ofMillis(100)).build();
        RedisConversationLock next = lock(otherRedis);

        // The slow holder's lock expires while it works; the next one takes it meanwhile (Redis is not reentrant).
        LockLease nextsLease = slow.withLease("sender:Facebook:abc", lease -> next.withLease("sender:Facebook:abc",
                inner -> inner));
        LockLease afterBoth = next.withLease("sender:Facebook:abc", lease -> lease);

        assertThat(nextsLease.earlierHolders()).as("the slow holder was still listed").isEqualTo(1);
        assertThat(nextsLease.soleHolder()).isFalse();
        assertThat(afterBoth.soleHolder()).as("both returned: nobody is listed any more").isTrue();
    }

    @Test
    void aHolderWhoseActionFailedStaysListedSoTheNextIsNotSole() {
        RedisConversationLock lock = lock(redis);
        String holders = "messenger:lockholders:" + site + ":sender:Facebook:abc";

        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> lock.withLease("sender:Facebook:abc", lease -> {
            throw new IllegalStateException("the insert's answer was lost");
        }));
        LockLease next = lock(otherRedis).withLease("sender:Facebook:abc", lease -> lease);

        assertThat(redis.get(lock.redisKey("sender:Facebook:abc"))).as("the lock itself is released").isNull();
        assertThat(next.earlierHolders()).as("its writes may still land: it stays listed").isEqualTo(1);
        assertThat(next.soleHolder()).isFalse();
        long listedFor = redis.pttl(holders);
        assertThat(listedFor).as("listed for at most 10 lock TTLs").isPositive().isLessThanOrEqualTo(10 * 15_000);
        redis.del(holders);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
