package io.github.frappemessenger.frappe.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;

/** Redis URIs are parsed without Jedis's URI helper (its methods differ across Jedis 5-8). */
class RedisTargetTest {
    private static RedisTarget parse(String uri) {
        return RedisTarget.parse(uri, Duration.ofSeconds(2), "test");
    }

    @Test
    void aPlainUriConnectsToTheSharedRedis() {
        try (Connection connection = parse("redis://127.0.0.1").connect()) {
            assertTrue(connection.ping());
        }
    }

    @Test
    void aDatabaseNumberInThePathIsSelected() {
        try (Connection connection = parse("redis://127.0.0.1:6379/3").connect()) {
            assertTrue(connection.ping());
            connection.sendCommand(Protocol.Command.CLIENT, "INFO");
            String info = connection.getBulkReply();
            assertTrue(info.contains(" db=3 "), info);
        }
    }

    @Test
    void credentialsAreHiddenAndBadOnesNamedWithoutThePassword() {
        assertEquals("redis://user:***@127.0.0.1:6379/0", parse("redis://user:p%40ss@127.0.0.1:6379/0").toString());
        IllegalArgumentException noColon = assertThrows(IllegalArgumentException.class,
                () -> parse("redis://secretonly@127.0.0.1:6379"));
        assertFalse(noColon.getMessage().contains("secretonly"), noColon.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("redis://127.0.0.1:6379/zero"));
        assertThrows(IllegalArgumentException.class, () -> parse("http://127.0.0.1:6379"));
        assertThrows(IllegalArgumentException.class, () -> parse("notaurl"));
    }
}
