package io.github.frappemessenger.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class FrappeDatesTest {

    @Test
    void parsesWholeSecondsAndMicroseconds() {
        assertEquals(LocalDateTime.of(2026, 11, 20, 10, 0, 0), FrappeDates.parse("2026-11-20 10:00:00"));
        assertEquals(LocalDateTime.of(2026, 11, 20, 10, 0, 0, 123_456_000),
                FrappeDates.parse("2026-11-20 10:00:00.123456"));
    }

    @Test
    void formatsAsPythonStrOfDatetime() {
        assertEquals("2026-11-20 10:00:00", FrappeDates.format(LocalDateTime.of(2026, 11, 20, 10, 0)));
        assertEquals("2026-11-20 10:00:00.123456",
                FrappeDates.format(LocalDateTime.of(2026, 11, 20, 10, 0, 0, 123_456_000)));
    }

    @Test
    void roundTripsWhatFrappeSends() {
        for (String s : new String[] {"2026-01-02 03:04:05", "2026-01-02 03:04:05.000001"}) {
            assertEquals(s, FrappeDates.format(FrappeDates.parse(s)));
        }
    }

    @Test
    void refusesTextThatIsNoDateWithTheTextInTheMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrappeDates.parse("yesterday"));
        assertTrue(e.getMessage().contains("'yesterday'"), e.getMessage());
    }
}
