package io.github.frappemessenger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class NewerOrEqualTest {

    @Test
    void aLaterOrEqualTimeWinsAndNoTimeNeverReplacesATime() {
        LocalDateTime noon = LocalDateTime.of(2026, 11, 20, 12, 0);
        assertThat(NewerOrEqual.wins(noon, noon)).isTrue();
        assertThat(NewerOrEqual.wins(noon.plusSeconds(1), noon)).isTrue();
        assertThat(NewerOrEqual.wins(noon.minusSeconds(1), noon)).isFalse();
        assertThat(NewerOrEqual.wins(null, null)).isTrue();
        assertThat(NewerOrEqual.wins(null, noon)).isFalse();
    }
}
