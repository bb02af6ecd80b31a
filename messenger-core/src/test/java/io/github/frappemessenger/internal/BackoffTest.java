package io.github.frappemessenger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
        assertThat(waits).isEqualTo(List.of(100L, 200L, 400L, 500L, 500L));
        backoff.reset();
        assertThat(backoff.next().toMillis()).isEqualTo(100);
        assertThat(backoff.forAttempt(3).toMillis()).isEqualTo(400);
    }

    @Test
    void jitterDrawsBetweenHalfTheWaitAndAllOfIt() {
        Backoff backoff = new Backoff(Duration.ofMillis(1_000), Duration.ofMillis(1_000), true);
        for (int i = 0; i < 100; i++) {
            long wait = backoff.next().toMillis();
            assertThat(wait).isBetween(500L, 1_000L);
        }
    }

    @Test
    void refusesAMaximumBelowTheMinimum() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), false));
    }
}
