package io.github.frappemessenger.frappe.internal.site;

import io.github.frappemessenger.internal.Builders;
import io.github.frappemessenger.internal.LogSafe;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * A {@link ConversationLock} shared by every process that talks to one Redis: the single-instance Redis lock
 * ({@code SET key token NX PX ttl}, released by a compare-and-delete script so that a holder whose lock expired never
 * deletes its successor's). Keys are {@code messenger:lock:<site>:<key>}, so sites sharing a Redis never contend.
 *
 * <p>A waiter polls with a backoff from 2 ms doubling to 50 ms (with jitter) until {@code maxWait} (default 3 s, so a
 * webhook is still answered within Frappe's 5 s), then throws {@link ConversationLockException}. The lock expires
 * after {@code ttl} (default 15 s) even if its holder dies; the store's re-read after an insert covers a holder that
 * outlives it. Thread-safe when its {@link UnifiedJedis} is (a {@code RedisClient} is: it holds a pool).
 *
 * <p><b>Leases.</b> {@link #withLease} (the store's find-or-create) also lists its holder, by token, in a sorted set
 * {@code messenger:lockholders:<site>:<key>} from taking the lock until its action returned normally (an action that
 * throws stays listed for {@code 10 × ttl}: its writes may still land), and tells the action how many earlier holders
 * were still listed when it took the lock ({@link LockLease}). Taking and releasing stay one Redis round trip each
 * (a script instead of {@code SET}); the listing uses Redis's {@code TIME}, so holders on different machines need no
 * common clock.
 */
public final class RedisConversationLock implements ConversationLock {
    private static final Logger log = LoggerFactory.getLogger(RedisConversationLock.class);
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end";
    /** Takes the lock and lists its holder; -1 when held, else how many earlier holders are still listed. */
    private static final String ACQUIRE_LISTED = "if not redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) "
            + "then return -1 end "
            + "local t = redis.call('time') "
            + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) "
            + "redis.call('zremrangebyscore', KEYS[2], '-inf', now) "
            + "local earlier = redis.call('zcard', KEYS[2]) "
            + "redis.call('zadd', KEYS[2], now + tonumber(ARGV[3]), ARGV[1]) "
            + "redis.call('pexpire', KEYS[2], ARGV[3]) "
            + "return earlier";
    /** Releases the lock (if still ours) and, when ARGV[2] is 1, takes its holder off the list. */
    private static final String RELEASE_LISTED = "if ARGV[2] == '1' then redis.call('zrem', KEYS[2], ARGV[1]) end "
            + "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    /** How long a holder stays listed if it never comes back, in lock TTLs. */
    private static final int LISTED_TTLS = 10;
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final UnifiedJedis redis;
    private final String site;
    private final String prefix;
    private final String holdersPrefix;
    private final Duration ttl;
    private final Duration maxWait;

    private RedisConversationLock(Builder b) {
        this.redis = b.redis;
        this.site = b.site;
        this.prefix = "messenger:lock:" + b.site + ":";
        this.holdersPrefix = "messenger:lockholders:" + b.site + ":";
        this.ttl = b.ttl;
        this.maxWait = b.maxWait;
    }

    /** A lock on {@code redis} for the Frappe site {@code site} (its name, e.g. {@code crm.example.com}). */
    public static Builder builder(UnifiedJedis redis, String site) {
        return new Builder(redis, site);
    }

    @Override
    public <T> T withLock(String key, Supplier<T> action) {
        String fullKey = prefix + Objects.requireNonNull(key, "key");
        String token = UUID.randomUUID().toString();
        SetParams params = SetParams.setParams().nx().px(ttlMillis());
        acquire(fullKey, () -> "OK".equals(redis.set(fullKey, token, params)) ? 0L : null);
        try {
            return action.get();
        } finally {
            release(fullKey, () -> redis.eval(RELEASE, List.of(fullKey), List.of(token)));
        }
    }

    /**
     * As {@link #withLock}, and the holder is listed until {@code action} returns normally; {@code action} gets the
     * {@link LockLease} that says whether it holds the lock alone. Not reentrant, like {@code withLock}.
     *
     * @throws ConversationLockException as {@link #withLock}
     */
    <T> T withLease(String key, Function<LockLease, T> action) {
        String fullKey = prefix + Objects.requireNonNull(key, "key");
        List<String> keys = List.of(fullKey, holdersPrefix + key);
        String token = UUID.randomUUID().toString();
        List<String> args = List.of(token, Long.toString(ttlMillis()), Long.toString(ttlMillis() * LISTED_TTLS));
        long[] askedAt = new long[1];
        long earlier = acquire(fullKey, () -> {
            askedAt[0] = System.nanoTime();
            long answer = (Long) redis.eval(ACQUIRE_LISTED, keys, args);
            return answer < 0 ? null : answer;
        });
        LockLease lease = new LockLease(askedAt[0], trustedNanos(), earlier);
        boolean done = false;
        try {
            T result = action.apply(lease);
            done = true;
            return result;
        } finally {
            List<String> releaseArgs = List.of(token, done ? "1" : "0");
            release(fullKey, () -> redis.eval(RELEASE_LISTED, keys, releaseArgs));
        }
    }

    /** The key under which {@code key} is stored in Redis. */
    public String redisKey(String key) {
        return prefix + key;
    }

    /** The last-message times that go with this lock: the same Redis, the same site, the default TTL. */
    RedisLastMessageTimes lastMessageTimes() {
        return RedisLastMessageTimes.builder(redis, site).build();
    }

    /** The TTL less a fifth: how long after asking for the lock its holder surely still has it. */
    private long trustedNanos() {
        return ttl.toNanos() - ttl.toNanos() / 5;
    }

    private long ttlMillis() {
        return Math.max(1, ttl.toMillis());
    }

    /** One try at taking the lock: null when another holds it, else the earlier holders still listed (or 0). */
    private interface Attempt {
        Long tryOnce();
    }

    /** Tries until the lock is taken or {@code maxWait} is over; returns what the taking attempt answered. */
    private long acquire(String fullKey, Attempt attempt) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            try {
                Long taken = attempt.tryOnce();
                if (taken != null) {
                    return taken;
                }
            } catch (JedisException e) {
                throw new ConversationLockException(fullKey, "Redis failed while taking the lock " + fullKey + ": "
                        + e.getMessage(), e);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new ConversationLockException(fullKey, "timed out after " + maxWait.toMillis()
                        + " ms waiting for the lock " + fullKey + ", held by another thread or bridge process", null);
            }
            long jittered = pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1);
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(jittered, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConversationLockException(fullKey, "interrupted while waiting for the lock " + fullKey, e);
            }
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
    }

    private void release(String fullKey, Supplier<Object> script) {
        try {
            Object deleted = script.get();
            if (!Long.valueOf(1L).equals(deleted)) {
                log.warn("the lock {} expired before its holder finished (ttl {} ms); another holder may have run "
                        + "at the same time", LogSafe.of(fullKey), ttl.toMillis());
            }
        } catch (JedisException e) {
            // The lock then expires by its ttl; the work it guarded is done, so the caller's result stands.
            log.warn("could not release the lock {} ({}); it expires in at most {} ms", LogSafe.of(fullKey),
                    LogSafe.of(e.getMessage()),
                    ttl.toMillis());
        }
    }

    @Override
    public String toString() {
        return "RedisConversationLock[" + prefix + "*, ttl=" + ttl.toMillis() + "ms, maxWait=" + maxWait.toMillis()
                + "ms]";
    }

    /** Configures a {@link RedisConversationLock}. Not thread-safe; the lock it builds is. */
    public static final class Builder {
        private final UnifiedJedis redis;
        private final String site;
        private Duration ttl = Duration.ofSeconds(15);
        private Duration maxWait = Duration.ofSeconds(3);

        private Builder(UnifiedJedis redis, String site) {
            this.redis = Objects.requireNonNull(redis, "redis");
            this.site = Builders.nonBlank(site, "site");
        }

        /** How long a lock lives if its holder never releases it; longer than the slowest guarded REST calls. */
        public Builder ttl(Duration ttl) {
            this.ttl = Builders.positive(ttl, "ttl");
            return this;
        }

        /** How long a caller waits for a held lock before giving up. */
        public Builder maxWait(Duration maxWait) {
            this.maxWait = Builders.positive(maxWait, "maxWait");
            return this;
        }

        public RedisConversationLock build() {
            return new RedisConversationLock(this);
        }
    }
}
