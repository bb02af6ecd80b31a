package io.github.frappemessenger.frappe.internal.site;

import io.github.frappemessenger.internal.Builders;
import io.github.frappemessenger.internal.LogSafe;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 */
public final class RedisConversationLock implements ConversationLock {
    private static final Logger log = LoggerFactory.getLogger(RedisConversationLock.class);
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end";
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final UnifiedJedis redis;
    private final String site;
    private final String prefix;
    private final Duration ttl;
    private final Duration maxWait;

    private RedisConversationLock(Builder b) {
        this.redis = b.redis;
        this.site = b.site;
        this.prefix = "messenger:lock:" + b.site + ":";
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
        acquire(fullKey, token);
        try {
            return action.get();
        } finally {
            release(fullKey, token);
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

    private void acquire(String fullKey, String token) {
        SetParams params = SetParams.setParams().nx().px(Math.max(1, ttl.toMillis()));
        long deadline = System.nanoTime() + maxWait.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            try {
                if ("OK".equals(redis.set(fullKey, token, params))) {
                    return;
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

    private void release(String fullKey, String token) {
        try {
            Object deleted = redis.eval(RELEASE, List.of(fullKey), List.of(token));
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
