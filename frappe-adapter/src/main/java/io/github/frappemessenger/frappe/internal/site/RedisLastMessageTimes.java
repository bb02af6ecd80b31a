package io.github.frappemessenger.frappe.internal.site;

import io.github.frappemessenger.internal.Builders;
import io.github.frappemessenger.internal.FrappeDates;
import io.github.frappemessenger.internal.LogSafe;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * {@link LastMessageTimes} shared by every bridge process on one Redis: the key
 * {@code messenger:last:<site>:<conversation>} holds the conversation's {@code last_message_time} as Frappe writes
 * it ({@code YYYY-MM-DD HH:MM:SS[.ffffff]}), or an empty text for "no last message yet". Each write renews its TTL
 * (a day by default), so an idle conversation's value expires and is read from Frappe again.
 *
 * <p>Redis failures: {@link #get} then answers "unknown" (the store reads Frappe, which is always right), and
 * {@link #record} and {@link #created} leave the value unknown (it was forgotten before the write); both log a WARN.
 * {@link #forget} throws {@link ConversationLockException} (transient: a webhook answers 503), since writing Frappe
 * while an older value may survive here could let a later message move the conversation backwards.
 *
 * <p>Thread-safe when its {@link UnifiedJedis} is (a {@code RedisClient} is: it holds a pool).
 */
public final class RedisLastMessageTimes implements LastMessageTimes {
    public static final Duration DEFAULT_TTL = Duration.ofDays(1);
    private static final Logger log = LoggerFactory.getLogger(RedisLastMessageTimes.class);
    private static final String NONE = "";

    private final UnifiedJedis redis;
    private final String prefix;
    private final Duration ttl;

    private RedisLastMessageTimes(Builder b) {
        this.redis = b.redis;
        this.prefix = "messenger:last:" + b.site + ":";
        this.ttl = b.ttl;
    }

    /** Times on {@code redis} for the Frappe site {@code site} (its name, e.g. {@code crm.example.com}). */
    public static Builder builder(UnifiedJedis redis, String site) {
        return new Builder(redis, site);
    }

    @Override
    public Optional<WrittenTime> get(String conversation) {
        String key = redisKey(conversation);
        try {
            String value = redis.get(key);
            if (value == null) {
                return Optional.empty();
            }
            return Optional.of(value.equals(NONE) ? WrittenTime.NONE : new WrittenTime(FrappeDates.parse(value)));
        } catch (JedisException | IllegalArgumentException e) {
            log.warn("could not read {} ({}); reading the conversation from Frappe instead", LogSafe.of(key),
                    LogSafe.of(e.getMessage()));
            return Optional.empty();
        }
    }

    @Override
    public void forget(String conversation) {
        String key = redisKey(conversation);
        try {
            redis.del(key);
        } catch (JedisException e) {
            throw new ConversationLockException(key, "Redis failed while clearing " + key
                    + " before a last-message write: " + e.getMessage(), e);
        }
    }

    @Override
    public void record(String conversation, LocalDateTime time) {
        set(conversation, time == null ? NONE : FrappeDates.format(time), SetParams.setParams());
    }

    @Override
    public void created(String conversation) {
        set(conversation, NONE, SetParams.setParams().nx());
    }

    /** The key under which the time of {@code conversation} is stored in Redis. */
    public String redisKey(String conversation) {
        return prefix + Objects.requireNonNull(conversation, "conversation");
    }

    private void set(String conversation, String value, SetParams params) {
        String key = redisKey(conversation);
        try {
            redis.set(key, value, params.px(Math.max(1, ttl.toMillis())));
        } catch (JedisException e) {
            log.warn("could not write {} ({}); the next message reads the conversation from Frappe", LogSafe.of(key),
                    LogSafe.of(e.getMessage()));
        }
    }

    @Override
    public String toString() {
        return "RedisLastMessageTimes[" + prefix + "*, ttl=" + ttl + "]";
    }

    /** Configures a {@link RedisLastMessageTimes}. Not thread-safe; what it builds is. */
    public static final class Builder {
        private final UnifiedJedis redis;
        private final String site;
        private Duration ttl = DEFAULT_TTL;

        private Builder(UnifiedJedis redis, String site) {
            this.redis = Objects.requireNonNull(redis, "redis");
            this.site = Builders.nonBlank(site, "site");
        }

        /** How long a value lives after its last write; then the conversation is read from Frappe once. */
        public Builder ttl(Duration ttl) {
            this.ttl = Builders.positive(ttl, "ttl");
            return this;
        }

        public RedisLastMessageTimes build() {
            return new RedisLastMessageTimes(this);
        }
    }
}
