package io.github.frappemessenger.frappe.internal.catchup;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * One sweeper per site: {@code SET messenger:lock:<site>:catchup <token> NX PX ttl}, renewed by its holder after
 * every row ({@code PEXPIRE} only while the token is still its own) and released by compare-and-delete. The TTL is
 * short (15 s by default), so that a sweeper that died, or a lock left in a Redis that restarted with its data,
 * holds the other processes back for at most that long. Redis failures are thrown as Jedis's exceptions.
 * Thread-safe when its {@link UnifiedJedis} is; one holder at a time per instance.
 */
final class SweepLock {
    private static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end";

    private final UnifiedJedis redis;
    private final String key;
    private final Duration ttl;
    private volatile String token;

    SweepLock(UnifiedJedis redis, String site, Duration ttl) {
        this.redis = redis;
        this.key = "messenger:lock:" + site + ":catchup";
        this.ttl = ttl;
    }

    /** True if taken; false if another sweeper holds it. */
    boolean tryAcquire() {
        String mine = UUID.randomUUID().toString();
        if ("OK".equals(redis.set(key, mine, SetParams.setParams().nx().px(ttl.toMillis())))) {
            token = mine;
            return true;
        }
        return false;
    }

    /** Extends the lock; false if it was lost (expired and taken by another sweeper). */
    boolean renew() {
        Object renewed = redis.eval(RENEW, List.of(key), List.of(token, Long.toString(ttl.toMillis())));
        return Long.valueOf(1L).equals(renewed);
    }

    void release() {
        String mine = token;
        token = null;
        if (mine != null) {
            redis.eval(RELEASE, List.of(key), List.of(mine));
        }
    }
}
