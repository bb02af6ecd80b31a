package io.github.frappemessenger.frappe.site;

import io.github.frappemessenger.frappe.internal.site.ConversationLock;
import io.github.frappemessenger.frappe.internal.site.FrappeConversationStore;
import io.github.frappemessenger.frappe.internal.site.FrappeErrorLog;
import io.github.frappemessenger.frappe.internal.site.FrappeMessageStore;
import io.github.frappemessenger.frappe.internal.site.FrappeSettingsSource;
import io.github.frappemessenger.frappe.internal.site.LastMessageTimes;
import io.github.frappemessenger.frappe.internal.site.RedisConversationLock;
import io.github.frappemessenger.frappe.internal.site.RedisConversationStates;
import io.github.frappemessenger.frappe.internal.site.RedisConversationVersions;
import io.github.frappemessenger.frappe.internal.site.RedisLastMessageTimes;
import io.github.frappemessenger.frappe.rest.FrappeClient;
import io.github.frappemessenger.lifecycle.MessengerLifecycle;
import io.github.frappemessenger.port.ConversationStates;
import io.github.frappemessenger.port.ConversationVersions;
import io.github.frappemessenger.port.RealtimePublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;

/**
 * The core ports of one Frappe site, wired from its {@link FrappeClient}: conversations, messages, settings and the
 * error log, and from them a {@link MessengerLifecycle}. Immutable and thread-safe; build one per site and share it.
 *
 * <pre>{@code
 * FrappeSite site = FrappeSite.builder(frappe, "crm.example.com")
 *     .redis(redisClient)                 // several bridge processes: locks and last-message times in Redis
 *     .build();
 * MessengerLifecycle lifecycle = site.lifecycle(publisher);
 * }</pre>
 */
public final class FrappeSite {
    private final String name;
    private final ConversationLock lock;
    private final FrappeConversationStore conversations;
    private final FrappeMessageStore messages;
    private final FrappeSettingsSource settings;
    private final FrappeErrorLog errorLog;
    private final ConversationVersions versions;
    private final ConversationStates states;

    private FrappeSite(Builder b) {
        this.name = b.name;
        this.lock = b.lock != null ? b.lock
                : b.redis != null ? RedisConversationLock.builder(b.redis, b.name).build()
                : ConversationLock.inJvm();
        FrappeConversationStore.Builder store = FrappeConversationStore.builder(b.frappe)
                .lock(lock)
                .maxCachedSenders(b.maxCachedSenders)
                .conversationTtl(b.conversationTtl)
                .clock(b.clock);
        LastMessageTimes times = b.times != null ? b.times
                : b.redis != null ? RedisLastMessageTimes.builder(b.redis, b.name).build()
                : null; // the store's default: in the lock's Redis, else in this JVM
        this.conversations = (times == null ? store : store.lastMessageTimes(times)).build();
        this.messages = new FrappeMessageStore(b.frappe);
        this.settings = FrappeSettingsSource.builder(b.frappe).ttl(b.settingsTtl).clock(b.clock).build();
        this.errorLog = new FrappeErrorLog(b.frappe);
        this.versions = b.redis != null ? RedisConversationVersions.builder(b.redis, b.name).build()
                : ConversationVersions.inJvm();
        this.states = b.redis != null
                ? new RedisConversationStates(b.redis, b.name, RedisConversationStates.DEFAULT_TTL)
                : ConversationStates.inJvm();
    }

    /** The ports of the site {@code siteName} (e.g. {@code crm.example.com}) reached through {@code frappe}. */
    public static Builder builder(FrappeClient frappe, String siteName) {
        return new Builder(frappe, siteName);
    }

    /** A lifecycle on this site's ports that publishes with {@code publisher}, to room {@code all}. */
    public MessengerLifecycle lifecycle(RealtimePublisher publisher) {
        return lifecycleBuilder().realtimePublisher(publisher).build();
    }

    /**
     * A lifecycle builder with this site's ports set — with {@link #redis}, event versions and conversation states
     * in Redis, shared by every process — add the publisher (and a clock or room policy if wanted).
     */
    public MessengerLifecycle.Builder lifecycleBuilder() {
        return MessengerLifecycle.builder()
                .conversationStore(conversations)
                .messageStore(messages)
                .settingsSource(settings)
                .errorLog(errorLog)
                .conversationVersions(versions)
                .conversationStates(states);
    }

    /** Where this site's event versions are counted: Redis with {@link Builder#redis}, else this JVM. */
    public ConversationVersions versions() {
        return versions;
    }

    public String name() {
        return name;
    }

    public ConversationLock lock() {
        return lock;
    }

    public FrappeConversationStore conversations() {
        return conversations;
    }

    public FrappeMessageStore messages() {
        return messages;
    }

    public FrappeSettingsSource settings() {
        return settings;
    }

    public FrappeErrorLog errorLog() {
        return errorLog;
    }

    @Override
    public String toString() {
        return "FrappeSite[" + name + ", " + lock + "]";
    }

    /** Configures a {@link FrappeSite}. Not thread-safe; the site it builds is. */
    public static final class Builder {
        private final FrappeClient frappe;
        private final String name;
        private UnifiedJedis redis;
        private ConversationLock lock;
        private LastMessageTimes times;
        private Duration conversationTtl = FrappeConversationStore.DEFAULT_CONVERSATION_TTL;
        private Duration settingsTtl = FrappeSettingsSource.DEFAULT_TTL;
        private Clock clock = Clock.systemUTC();
        private int maxCachedSenders = 10_000;

        private Builder(FrappeClient frappe, String name) {
            this.frappe = Objects.requireNonNull(frappe, "frappe");
            this.name = Objects.requireNonNull(name, "siteName");
            if (name.isBlank()) {
                throw new IllegalArgumentException("siteName must not be blank");
            }
        }

        /**
         * Locks find-or-create in this Redis ({@link RedisConversationLock} with its defaults) and shares the
         * conversations' last-message times ({@link RedisLastMessageTimes}), event versions
         * ({@link RedisConversationVersions}) and block/status states ({@link RedisConversationStates}) there, for
         * several bridge processes on one site. The caller keeps ownership of the client and closes it.
         */
        public Builder redis(UnifiedJedis redis) {
            this.redis = Objects.requireNonNull(redis, "redis");
            return this;
        }

        /** Any lock; wins over {@link #redis}. Without either, {@link ConversationLock#inJvm()} (one process). */
        public Builder conversationLock(ConversationLock lock) {
            this.lock = Objects.requireNonNull(lock, "conversationLock");
            return this;
        }

        /** Where last-message times are compared; wins over {@link #redis}. See {@link LastMessageTimes}. */
        public Builder lastMessageTimes(LastMessageTimes times) {
            this.times = Objects.requireNonNull(times, "lastMessageTimes");
            return this;
        }

        /**
         * How long a cached Messenger Conversation doc is served (60 s by default): changes made in the desk
         * ({@code block_chat}, {@code status}) reach the realtime events at most this late. Zero: always read.
         */
        public Builder conversationTtl(Duration ttl) {
            this.conversationTtl = Objects.requireNonNull(ttl, "conversationTtl");
            return this;
        }

        public Builder settingsTtl(Duration ttl) {
            this.settingsTtl = Objects.requireNonNull(ttl, "settingsTtl");
            return this;
        }

        /** The clock of the settings and conversation caches. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder maxCachedSenders(int max) {
            this.maxCachedSenders = max;
            return this;
        }

        public FrappeSite build() {
            return new FrappeSite(this);
        }
    }
}
