package io.github.frappemessenger.frappe.internal.site;

import io.github.frappemessenger.internal.Builders;
import java.time.Duration;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * {@link ProviderMessageIds} shared by every bridge process on one Redis: {@code SET NX GET} on
 * {@code messenger:msgid:<site>:<platform>:<hash of message_id>} holds the first message's name for the TTL (7 days
 * by default: providers retry within hours); {@code SET NX} on {@code messenger:dup:<site>:<name>} makes each
 * duplicate's report once. Thread-safe when its {@link UnifiedJedis} is; a Redis failure propagates (the webhook
 * answers 503 and Frappe retries).
 */
public final class RedisProviderMessageIds implements ProviderMessageIds {
    public static final Duration DEFAULT_TTL = Duration.ofDays(7);

    private final UnifiedJedis redis;
    private final String site;
    private final Duration ttl;

    public RedisProviderMessageIds(UnifiedJedis redis, String site, Duration ttl) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.site = Builders.nonBlank(site, "site");
        this.ttl = Builders.positive(ttl, "ttl");
    }

    @Override
    public String claim(String platform, String messageId, String messageName) {
        String key = "messenger:msgid:" + site + ":" + ProviderMessageIds.key(platform, messageId);
        String holder = redis.setGet(key, messageName, SetParams.setParams().nx().px(ttl.toMillis()));
        return holder == null ? messageName : holder;
    }

    @Override
    public boolean firstReport(String messageName) {
        String key = "messenger:dup:" + site + ":" + messageName;
        return "OK".equals(redis.set(key, "1", SetParams.setParams().nx().px(ttl.toMillis())));
    }

    @Override
    public String toString() {
        return "RedisProviderMessageIds[messenger:msgid:" + site + ":*, ttl=" + ttl + "]";
    }
}
