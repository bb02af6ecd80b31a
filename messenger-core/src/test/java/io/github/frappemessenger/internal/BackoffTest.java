package io.github.frappemessenger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void waitsDoubleUpToTheMaximumAndStartOverAfterAReset() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500), false);
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waits.add(backoff.next().toMillis());
        }
        assertEquals(List.of(100L, 200L, 400L, 500L, 500L), waits);
        backoff.reset();
        assertEquals(100, backoff.next().toMillis());
        assertEquals(400, backoff.forAttempt(3).toMillis());
    }

    @Test
    void jitterDrawsBetweenHalfTheWaitAndAllOfIt() {
        Backoff backoff = new Backoff(Duration.ofMillis(1_000), Duration.ofMillis(1_000), true);
        for (int i = 0; i < 100; i++) {
            long wait = backoff.next().toMillis();
            assertTrue(wait >= 500 && wait <= 1_000, String.valueOf(wait));
        }
    }

    @Test
    void refusesAMaximumBelowTheMinimum() {
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), false));
    }
}
