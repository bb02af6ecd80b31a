package io.github.frappemessenger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RedisUrlsTest {

    @Test
    void thePasswordAndTheQueryNeverShow() {
        assertEquals("redis://user:***@127.0.0.1:6379/0",
                RedisUrls.redact(URI.create("redis://user:p%40ss@127.0.0.1:6379/0?x=y")));
        assertEquals("rediss://***@cache:6380", RedisUrls.redact(URI.create("rediss://secret@cache:6380")));
        assertEquals("redis://127.0.0.1", RedisUrls.redact(URI.create("redis://127.0.0.1")));
        assertEquals("redis://***@host", RedisUrls.redact("redis://a b:c@host"));
    }
}
