package io.github.frappemessenger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RedisUrlsTest {

    @Test
    void thePasswordAndTheQueryNeverShow() {
        assertThat(RedisUrls.redact(URI.create("redis://user:p%40ss@127.0.0.1:6379/0?x=y")))
                .isEqualTo("redis://user:***@127.0.0.1:6379/0");
        assertThat(RedisUrls.redact(URI.create("rediss://secret@cache:6380"))).isEqualTo("rediss://***@cache:6380");
        assertThat(RedisUrls.redact(URI.create("redis://127.0.0.1"))).isEqualTo("redis://127.0.0.1");
        assertThat(RedisUrls.redact("redis://a b:c@host")).isEqualTo("redis://***@host");
    }

    @Test
    void aUriWithoutHostIsShownAsWrittenNotAsNullParts() {
        assertThat(RedisUrls.redact(URI.create("notaurl"))).isEqualTo("notaurl");
        assertThat(RedisUrls.redact(URI.create("localhost:6379"))).isEqualTo("localhost:6379");
        assertThat(RedisUrls.redact(URI.create("user:secret@host:6379"))).isEqualTo("***@host:6379");
    }
}
