package io.github.frappemessenger.socketio;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(h.headOffset()).isEqualTo(5);
        assertThat(offsets(h.after(2))).isEqualTo(List.of(3L, 4L, 5L));
        assertThat(offsets(h.after(4))).isEqualTo(List.of(5L));
        assertThat(h.after(5)).isEqualTo(List.of());
        assertThat(h.after(1)).as("event 2 is gone").isNull();
        assertThat(h.after(6)).as("an offset ahead of the head is not ours").isNull();
    }

    @Test
    void dropsEventsOlderThanMaxAge() {
        InMemoryEventHistory h = new InMemoryEventHistory(100, Duration.ofSeconds(10), clock);
        h.append("e", "all", "{}");
        now.addAndGet(6_000);
        h.append("e", "all", "{}");
        now.addAndGet(6_000);
        assertThat(h.after(0)).as("event 1 is 12 s old").isNull();
        assertThat(offsets(h.after(1))).isEqualTo(List.of(2L));
        now.addAndGet(6_000);
        assertThat(h.after(1)).as("event 2 is now 12 s old too").isNull();
        assertThat(h.after(2)).as("a client that saw the head misses nothing").isEqualTo(List.of());
    }

    @Test
    void eachHistoryHasItsOwnEpoch() {
        assertThat(new InMemoryEventHistory(1, Duration.ofSeconds(1), clock).epoch())
                .isNotEqualTo(new InMemoryEventHistory(1, Duration.ofSeconds(1), clock).epoch());
    }
}
