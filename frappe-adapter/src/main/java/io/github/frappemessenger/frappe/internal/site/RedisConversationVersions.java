package io.github.frappemessenger.frappe.internal.site;

import io.github.frappemessenger.port.ConversationVersions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@link ConversationVersions} shared by every bridge process on one Redis: {@code INCRBY} on
 * {@code messenger:version:<site>:<conversation>}, in one script that also renews the key's TTL (30 days by default).
 * A key Redis does not hold (never used, expired, or lost with Redis's data) starts at the current time in
 * milliseconds, so the versions of a conversation keep rising across a reset: a client that saw the old ones still
 * applies the new. Thread-safe when its {@link UnifiedJedis} is; a Redis failure propagates (the lifecycle reports it
 * as an update error and the webhook answers 503, so Frappe retries).
 */
public final class RedisConversationVersions implements ConversationVersions {
    public static final Duration DEFAULT_TTL = Duration.ofDays(30);
    private static final String SCRIPT = ""
            + "if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SET', KEYS[1], ARGV[2]) end\n"
            + "local v = redis.call('INCRBY', KEYS[1], ARGV[1])\n"
            + "redis.call('PEXPIRE', KEYS[1], ARGV[3])\n"
            + "return v";

    private final UnifiedJedis redis;
    private final String prefix;
    private final Duration ttl;
    private final Clock clock;

    private RedisConversationVersions(Builder b) {
        this.redis = b.redis;
        this.prefix = "messenger:version:" + b.site + ":";
        this.ttl = b.ttl;
        this.clock = b.clock;
    }

    public static Builder builder(UnifiedJedis redis, String site) {
        return new Builder(redis, site);
    }

    @Override
    public long next(String conversation, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        Object last = redis.eval(SCRIPT, List.of(redisKey(conversation)), List.of(Integer.toString(count),
                Long.toString(clock.millis()), Long.toString(Math.max(1, ttl.toMillis()))));
        return ((Number) last).longValue() - count + 1;
    }

    /** The key holding the last version of {@code conversation}. */
    public String redisKey(String conversation) {
        return prefix + Objects.requireNonNull(conversation, "conversation");
    }

    @Override
    public String toString() {
        return "RedisConversationVersions[" + prefix + "*, ttl=" + ttl + "]";
    }

    /** Configures a {@link RedisConversationVersions}. Not thread-safe; what it builds is. */
    public static final class Builder {
        private final UnifiedJedis redis;
        private final String site;
        private Duration ttl = DEFAULT_TTL;
        private Clock clock = Clock.systemUTC();

        private Builder(UnifiedJedis redis, String site) {
            this.redis = Objects.requireNonNull(redis, "redis");
            this.site = Objects.requireNonNull(site, "site");
            if (site.isBlank()) {
                throw new IllegalArgumentException("site must not be blank");
            }
        }

        /** How long an idle conversation's counter lives; it then restarts above the time in milliseconds. */
        public Builder ttl(Duration ttl) {
            if (Objects.requireNonNull(ttl, "ttl").isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("ttl must be positive: " + ttl);
            }
            this.ttl = ttl;
            return this;
        }

        /** The clock whose milliseconds seed a new counter. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public RedisConversationVersions build() {
            return new RedisConversationVersions(this);
        }
    }
}
