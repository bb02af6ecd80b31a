package io.github.frappemessenger.internal;

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
    void theFastFormatWritesWhatThePatternFormatterWrites() {
        java.time.format.DateTimeFormatter whole = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        java.time.format.DateTimeFormatter micros =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
        java.util.Random random = new java.util.Random(13);
        for (int i = 0; i < 20_000; i++) {
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000_000) * 1_000;
                case 2 -> random.nextInt(1_000); // below a microsecond: Python would show .000000
                default -> random.nextInt(1_000_000_000);
            };
            LocalDateTime t = LocalDateTime.of(1 + random.nextInt(9999), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60), nanos);
            assertEquals((nanos == 0 ? whole : micros).format(t), FrappeDates.format(t), t.toString());
        }
        LocalDateTime farFuture = LocalDateTime.of(10_000, 1, 1, 0, 0);
        assertEquals(whole.format(farFuture), FrappeDates.format(farFuture));
    }

    @Test
    void roundTripsWhatFrappeSends() {
        for (String s : new String[] {"2026-01-02 03:04:05", "2026-01-02 03:04:05.000001"}) {
            assertEquals(s, FrappeDates.format(FrappeDates.parse(s)));
        }
    }

    @Test
    void theFastPathReadsEveryFractionLengthAsTheFormatterDoes() {
        java.time.format.DateTimeFormatter reference = new java.time.format.DateTimeFormatterBuilder()
                .appendPattern("yyyy-MM-dd HH:mm:ss")
                .optionalStart().appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 1, 9, true)
                .optionalEnd().toFormatter();
        for (String s : new String[] {"2026-11-20 23:59:59", "2026-11-20 10:00:00.1", "2026-11-20 10:00:00.12",
                "2026-11-20 10:00:00.123", "2026-02-28 10:00:00.1234", "2024-02-29 00:00:00.12345",
                "2026-11-20 10:00:00.000001"}) {
            assertEquals(LocalDateTime.parse(s, reference), FrappeDates.parse(s), s);
        }
    }

    @Test
    void impossibleDatesAndOtherShapesAreRefusedOrReadByTheGeneralParser() {
        assertThrows(IllegalArgumentException.class, () -> FrappeDates.parse("2026-13-01 00:00:00"));
        assertThrows(IllegalArgumentException.class, () -> FrappeDates.parse("2026-02-30 00:00:00"));
        assertThrows(IllegalArgumentException.class, () -> FrappeDates.parse("2026-01-01 00:00:00."));
        assertEquals(LocalDateTime.of(2026, 1, 1, 0, 0), FrappeDates.parse("2026-01-01"));
        assertEquals(LocalDateTime.of(2026, 1, 1, 8, 30), FrappeDates.parse(" 2026-01-01T08:30:00 "));
    }

    @Test
    void refusesTextThatIsNoDateWithTheTextInTheMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrappeDates.parse("yesterday"));
        assertTrue(e.getMessage().contains("'yesterday'"), e.getMessage());
    }
}
