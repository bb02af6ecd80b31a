package io.github.frappemessenger.frappe.internal.site;

import io.github.frappemessenger.internal.Builders;
import io.github.frappemessenger.port.ConversationStates;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * {@link ConversationStates} shared by every bridge process on one Redis: {@code SET ... GET} (atomic exchange) on
 * {@code messenger:state:<site>:<conversation>}, whose value is {@code <0|1>|<status>}. Each write renews the TTL
 * (30 days by default); a forgotten state counts as never seen (the DocType's defaults). Thread-safe when its
 * {@link UnifiedJedis} is; a Redis failure propagates (an update error: the webhook answers 503).
 */
public final class RedisConversationStates implements ConversationStates {
    public static final Duration DEFAULT_TTL = Duration.ofDays(30);
    private static final Logger log = LoggerFactory.getLogger(RedisConversationStates.class);

    private final UnifiedJedis redis;
    private final String prefix;
    private final Duration ttl;

    public RedisConversationStates(UnifiedJedis redis, String site, Duration ttl) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.prefix = "messenger:state:" + Builders.nonBlank(site, "site") + ":";
        this.ttl = Builders.positive(ttl, "ttl");
    }

    @Override
    public Optional<State> exchange(String conversation, State state) {
        String value = (state.blocked() ? "1|" : "0|") + (state.status() == null ? "" : state.status());
        return parse(redis.setGet(redisKey(conversation), value, SetParams.setParams().px(ttl.toMillis())));
    }

    /**
     * One {@code GET}: what the lifecycle lays over a cached conversation doc. A Redis failure answers "unknown" (the
     * doc as read is used) with a WARN: it must not fail a message's events.
     */
    @Override
    public Optional<State> current(String conversation) {
        try {
            return parse(redis.get(redisKey(conversation)));
        } catch (JedisException e) {
            log.warn("could not read the last seen state of a conversation from Redis ({}); using the doc as read",
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static Optional<State> parse(String stored) {
        if (stored == null || stored.length() < 2 || stored.charAt(1) != '|') {
            return Optional.empty();
        }
        String status = stored.substring(2);
        return Optional.of(new State(stored.charAt(0) == '1', status.isEmpty() ? null : status));
    }

    public String redisKey(String conversation) {
        return prefix + Objects.requireNonNull(conversation, "conversation");
    }

    @Override
    public String toString() {
        return "RedisConversationStates[" + prefix + "*, ttl=" + ttl + "]";
    }
}
