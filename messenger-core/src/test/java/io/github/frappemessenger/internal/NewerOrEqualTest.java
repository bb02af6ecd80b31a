package io.github.frappemessenger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class NewerOrEqualTest {

    @Test
    void aLaterOrEqualTimeWinsAndNoTimeNeverReplacesATime() {
        LocalDateTime noon = LocalDateTime.of(2026, 11, 20, 12, 0);
        assertEquals(true, NewerOrEqual.wins(noon, noon));
        assertEquals(true, NewerOrEqual.wins(noon.plusSeconds(1), noon));
        assertEquals(false, NewerOrEqual.wins(noon.minusSeconds(1), noon));
        assertEquals(true, NewerOrEqual.wins(null, null));
        assertEquals(false, NewerOrEqual.wins(null, noon));
    }
}
