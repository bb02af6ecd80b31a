package io.github.frappemessenger.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
            assertEquals(i, e.offset());
        }
        assertEquals(5, history.headOffset());
        List<StreamEvent> missed = history.after(2);
        assertEquals(List.of(3L, 4L, 5L), offsets(missed));
        assertEquals("{\"n\":3}", missed.get(0).payloadJson());
        assertEquals("all", missed.get(0).room());
        assertEquals(List.of(), history.after(5));
        assertNull(history.after(1));
        assertNull(history.after(9));
    }

    @Test
    void theHistoryAndItsEpochOutliveTheServerThatWroteThem() {
        history = open(100, Duration.ofMinutes(1));
        history.append("e", "all", "{}");
        history.append("e", "all", "{}");
        String epoch = history.epoch();
        history.close();

        history = open(100, Duration.ofMinutes(1));
        assertEquals(epoch, history.epoch());
        assertEquals(List.of(2L), offsets(history.after(1)));
    }

    @Test
    void lostKeysStartANewEpoch() {
        history = open(100, Duration.ofMinutes(1));
        history.append("e", "all", "{}");
        String epoch = history.epoch();
        history.deleteAll();
        StreamEvent next = history.append("e", "all", "{}");
        assertNotEquals(epoch, next.epoch());
        assertEquals(1, next.offset());
    }

    @Test
    void eventsOlderThanMaxAgeCountAsGone() throws InterruptedException {
        history = open(100, Duration.ofMillis(300));
        history.append("e", "all", "{}");
        Thread.sleep(400);
        history.append("e", "all", "{}");
        assertNull(history.after(0));
        assertEquals(List.of(2L), offsets(history.after(1)));
    }
}
