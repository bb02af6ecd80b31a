package io.github.frappemessenger.frappe.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
            assertThat(connection.ping()).isTrue();
        }
    }

    @Test
    void aDatabaseNumberInThePathIsSelected() {
        try (Connection connection = parse("redis://127.0.0.1:6379/3").connect()) {
            assertThat(connection.ping()).isTrue();
            connection.sendCommand(Protocol.Command.CLIENT, "INFO");
            String info = connection.getBulkReply();
            assertThat(info).contains(" db=3 ");
        }
    }

    @Test
    void credentialsAreHiddenAndBadOnesNamedWithoutThePassword() {
        assertThat(parse("redis://user:p%40ss@127.0.0.1:6379/0").toString())
                .isEqualTo("redis://user:***@127.0.0.1:6379/0");
        IllegalArgumentException noColon = assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> parse("redis://secretonly@127.0.0.1:6379")).actual();
        assertThat(noColon.getMessage()).doesNotContain("secretonly");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> parse("redis://127.0.0.1:6379/zero"));
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> parse("http://127.0.0.1:6379"));
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> parse("notaurl"));
    }
}
