package io.github.frappemessenger.frappe.internal.once;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.frappemessenger.frappe.internal.site.ConversationLockException;
import io.github.frappemessenger.frappe.internal.site.RedisConversationLock;
import io.github.frappemessenger.internal.Builders;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * {@link MessageStates} in the site's Redis, shared by every bridge process of the site:
 * <ul>
 *   <li>the record of message {@code <name>} is one JSON string at {@code messenger:once:<site>:state:<name>}, written
 *   with {@code SET ... PX ttl} (7 days by default, renewed by every write): long after Frappe's last retry of a
 *   delivery (seconds) and longer than any bridge outage the catch-up sweep is expected to repair;</li>
 *   <li>the lease is a {@link RedisConversationLock} on {@code messenger:lock:<site>:message:<name>} ({@code SET NX PX},
 *   15 s, released by compare-and-delete), waited for at most 2 s by default, so that a webhook is still answered in
 *   time; then {@link MessageBusyException}.</li>
 * </ul>
 * A Redis failure is thrown as Jedis's exception (the webhook answers 503; catch-up tries again later). Thread-safe
 * when its {@link UnifiedJedis} is (a {@code RedisClient} is).
 */
public final class RedisMessageStates implements MessageStates {
    public static final Duration DEFAULT_TTL = Duration.ofDays(7);

    private final UnifiedJedis redis;
    private final String prefix;
    private final Duration ttl;
    private final RedisConversationLock lease;
    private final ObjectMapper json = new ObjectMapper();

    private RedisMessageStates(Builder b) {
        this.redis = b.redis;
        this.prefix = "messenger:once:" + b.site + ":state:";
        this.ttl = b.ttl;
        this.lease = RedisConversationLock.builder(b.redis, b.site).ttl(b.leaseTtl).maxWait(b.maxWait).build();
    }

    /** The records of the site {@code site} (its name, e.g. {@code crm.example.com}) in {@code redis}. */
    public static Builder builder(UnifiedJedis redis, String site) {
        return new Builder(redis, site);
    }

    @Override
    public <T> T exclusively(String name, Supplier<T> work) {
        AtomicBoolean started = new AtomicBoolean();
        try {
            return lease.withLock("message:" + name, () -> {
                started.set(true);
                return work.get();
            });
        } catch (ConversationLockException e) {
            if (started.get() || e.getCause() != null) {
                throw e; // a conversation lock inside the work, or Redis itself failing
            }
            throw new MessageBusyException("Messenger Message " + name + " is being processed by another request or"
                    + " bridge process; retry later", e);
        }
    }

    @Override
    public MessageRecord read(String name) {
        String text = redis.get(key(name));
        if (text == null) {
            return MessageRecord.EMPTY;
        }
        try {
            return json.readValue(text, MessageRecord.class);
        } catch (JsonProcessingException e) {
            return MessageRecord.EMPTY; // not ours (or an older format): processed as if unknown
        }
    }

    @Override
    public void write(String name, MessageRecord record) {
        Objects.requireNonNull(record, "record");
        try {
            redis.set(key(name), json.writeValueAsString(record), SetParams.setParams().px(ttl.toMillis()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a MessageRecord is always writable as JSON", e);
        }
    }

    /** The Redis key of a message's record. */
    public String key(String name) {
        return prefix + Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return "RedisMessageStates[" + prefix + "*, ttl=" + ttl + ", " + lease + "]";
    }

    /** Configures a {@link RedisMessageStates}. Not thread-safe; the store it builds is. */
    public static final class Builder {
        private final UnifiedJedis redis;
        private final String site;
        private Duration ttl = DEFAULT_TTL;
        private Duration leaseTtl = Duration.ofSeconds(15);
        private Duration maxWait = Duration.ofSeconds(2);

        private Builder(UnifiedJedis redis, String site) {
            this.redis = Objects.requireNonNull(redis, "redis");
            this.site = Builders.nonBlank(site, "site");
        }

        /** How long a message's record is kept after its last write. Default 7 days. */
        public Builder ttl(Duration ttl) {
            this.ttl = Builders.positive(ttl, "ttl");
            return this;
        }

        /** How long a lease lives if its holder never releases it. Default 15 s. */
        public Builder leaseTtl(Duration ttl) {
            this.leaseTtl = Builders.positive(ttl, "leaseTtl");
            return this;
        }

        /** How long a caller waits for a message another holder works on. Default 2 s. */
        public Builder maxWait(Duration maxWait) {
            this.maxWait = Builders.positive(maxWait, "maxWait");
            return this;
        }

        public RedisMessageStates build() {
            return new RedisMessageStates(this);
        }
    }
}
