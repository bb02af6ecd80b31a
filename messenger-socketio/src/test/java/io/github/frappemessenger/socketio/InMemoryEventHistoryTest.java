package io.github.frappemessenger.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryEventHistoryTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };

    private static List<Long> offsets(List<StreamEvent> events) {
        return events.stream().map(StreamEvent::offset).toList();
    }

    @Test
    void keepsAtMostMaxEventsAndSaysWhenAGapIsBeyondThem() {
        InMemoryEventHistory h = new InMemoryEventHistory(3, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 5; i++) {
            h.append("e", "all", "{}");
        }
        assertEquals(5, h.headOffset());
        assertEquals(List.of(3L, 4L, 5L), offsets(h.after(2)));
        assertEquals(List.of(5L), offsets(h.after(4)));
        assertEquals(List.of(), h.after(5));
        assertNull(h.after(1), "event 2 is gone");
        assertNull(h.after(6), "an offset ahead of the head is not ours");
    }

    @Test
    void dropsEventsOlderThanMaxAge() {
        InMemoryEventHistory h = new InMemoryEventHistory(100, Duration.ofSeconds(10), clock);
        h.append("e", "all", "{}");
        now.addAndGet(6_000);
        h.append("e", "all", "{}");
        now.addAndGet(6_000);
        assertNull(h.after(0), "event 1 is 12 s old");
        assertEquals(List.of(2L), offsets(h.after(1)));
        now.addAndGet(6_000);
        assertNull(h.after(1), "event 2 is now 12 s old too");
        assertEquals(List.of(), h.after(2), "a client that saw the head misses nothing");
    }

    @Test
    void eachHistoryHasItsOwnEpoch() {
        assertNotEquals(new InMemoryEventHistory(1, Duration.ofSeconds(1), clock).epoch(),
                new InMemoryEventHistory(1, Duration.ofSeconds(1), clock).epoch());
    }
}
