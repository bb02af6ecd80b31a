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

    @Test
    void aUriWithoutHostIsShownAsWrittenNotAsNullParts() {
        assertEquals("notaurl", RedisUrls.redact(URI.create("notaurl")));
        assertEquals("localhost:6379", RedisUrls.redact(URI.create("localhost:6379")));
        assertEquals("***@host:6379", RedisUrls.redact(URI.create("user:secret@host:6379")));
    }
}
