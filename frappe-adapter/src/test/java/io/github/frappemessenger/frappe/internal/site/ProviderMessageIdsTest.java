package io.github.frappemessenger.frappe.internal.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * The first message to carry a (platform, message_id) holds it, and a retry is reported once (the bridge logs it
 * once): in one JVM, and on Redis for every bridge process of a site.
 */
class ProviderMessageIdsTest {
    private final String site = "dup-" + UUID.randomUUID() + ".example.com";
    private final RedisClient redisA = RedisClient.create("127.0.0.1", 6379);
    private final RedisClient redisB = RedisClient.create("127.0.0.1", 6379);

    @AfterEach
    void close() {
        redisA.keys("messenger:*:" + site + ":*").forEach(redisA::del);
        redisA.close();
        redisB.close();
    }

    private static void holdsAndReportsOnce(ProviderMessageIds first, ProviderMessageIds second) {
        assertThat(first.claim("Messenger", "m_1", "MSG-1")).isEqualTo("MSG-1");
        assertThat(second.claim("Messenger", "m_1", "MSG-2")).as("a retry: the first message holds it")
                .isEqualTo("MSG-1");
        assertThat(first.claim("Messenger", "m_1", "MSG-1")).as("the holder claims it again").isEqualTo("MSG-1");
        assertThat(second.claim("Instagram", "m_1", "MSG-3")).as("another platform is another pair").isEqualTo("MSG-3");

        assertThat(second.firstReport("MSG-2")).isTrue();
        assertThat(first.firstReport("MSG-2")).as("reported once, whichever bridge hears it again").isFalse();
        assertThat(second.firstReport("MSG-2")).isFalse();
        assertThat(first.firstReport("MSG-4")).isTrue();
    }

    @Test
    void inOneJvm() {
        ProviderMessageIds ids = ProviderMessageIds.inJvm(100);
        holdsAndReportsOnce(ids, ids);
    }

    @Test
    void sharedByTwoBridgesThroughRedis() {
        holdsAndReportsOnce(new RedisProviderMessageIds(redisA, site, Duration.ofMinutes(5)),
                new RedisProviderMessageIds(redisB, site, Duration.ofMinutes(5)));
    }
}
