package io.github.frappemessenger.frappe.internal.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals("MSG-1", first.claim("Messenger", "m_1", "MSG-1"));
        assertEquals("MSG-1", second.claim("Messenger", "m_1", "MSG-2"), "a retry: the first message holds it");
        assertEquals("MSG-1", first.claim("Messenger", "m_1", "MSG-1"), "the holder claims it again");
        assertEquals("MSG-3", second.claim("Instagram", "m_1", "MSG-3"), "another platform is another pair");

        assertTrue(second.firstReport("MSG-2"));
        assertFalse(first.firstReport("MSG-2"), "reported once, whichever bridge hears it again");
        assertFalse(second.firstReport("MSG-2"));
        assertTrue(first.firstReport("MSG-4"));
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
