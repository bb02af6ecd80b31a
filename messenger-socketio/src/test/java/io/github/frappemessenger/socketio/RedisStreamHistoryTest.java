package io.github.frappemessenger.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Redis Streams history against the real Redis on 127.0.0.1:6379 (own key prefix per test). */
class RedisStreamHistoryTest {
    private static final String REDIS = "redis://127.0.0.1:6379";
    private final String prefix = "test:serve:" + UUID.randomUUID();
    private RedisStreamHistory history;

    private RedisStreamHistory open(int maxEvents, Duration maxAge) {
        return RedisStreamHistory.connect(REDIS, "site.test", maxEvents, maxAge, prefix, Clock.systemUTC());
    }

    @AfterEach
    void cleanUp() {
        if (history != null) {
            history.deleteAll();
            history.close();
        }
    }

    private static List<Long> offsets(List<StreamEvent> events) {
        return events.stream().map(StreamEvent::offset).toList();
    }

    @Test
    void keepsAtMostMaxEventsInOrderAndSaysWhenAGapIsBeyondThem() {
        history = open(3, Duration.ofMinutes(1));
        for (int i = 1; i <= 5; i++) {
            StreamEvent e = history.append("messenger:message_update", "all", "{\"n\":" + i + "}");
            assertThat(e.offset()).isEqualTo(i);
        }
        assertThat(history.headOffset()).isEqualTo(5);
        List<StreamEvent> missed = history.after(2);
        assertThat(offsets(missed)).isEqualTo(List.of(3L, 4L, 5L));
        assertThat(missed.get(0).payloadJson()).isEqualTo("{\"n\":3}");
        assertThat(missed.get(0).room()).isEqualTo("all");
        assertThat(history.after(5)).isEqualTo(List.of());
        assertThat(history.after(1)).isNull();
        assertThat(history.after(9)).isNull();
    }

    @Test
    void theHistoryAndItsEpochOutliveTheServerThatWroteThem() {
        history = open(100, Duration.ofMinutes(1));
        history.append("e", "all", "{}");
        history.append("e", "all", "{}");
        String epoch = history.epoch();
        history.close();

        history = open(100, Duration.ofMinutes(1));
        assertThat(history.epoch()).isEqualTo(epoch);
        assertThat(offsets(history.after(1))).isEqualTo(List.of(2L));
    }

    @Test
    void lostKeysStartANewEpoch() {
        history = open(100, Duration.ofMinutes(1));
        history.append("e", "all", "{}");
        String epoch = history.epoch();
        history.deleteAll();
        StreamEvent next = history.append("e", "all", "{}");
        assertThat(next.epoch()).isNotEqualTo(epoch);
        assertThat(next.offset()).isEqualTo(1);
    }

    @Test
    void eventsOlderThanMaxAgeCountAsGone() throws InterruptedException {
        history = open(100, Duration.ofMillis(300));
        history.append("e", "all", "{}");
        Thread.sleep(400);
        history.append("e", "all", "{}");
        assertThat(history.after(0)).isNull();
        assertThat(offsets(history.after(1))).isEqualTo(List.of(2L));
    }
}
