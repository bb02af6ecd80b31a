package io.github.frappemessenger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class FrappeDatesTest {

    @Test
    void parsesWholeSecondsAndMicroseconds() {
        assertThat(FrappeDates.parse("2026-11-20 10:00:00")).isEqualTo(LocalDateTime.of(2026, 11, 20, 10, 0, 0));
        assertThat(FrappeDates.parse("2026-11-20 10:00:00.123456"))
                .isEqualTo(LocalDateTime.of(2026, 11, 20, 10, 0, 0, 123_456_000));
    }

    @Test
    void formatsAsPythonStrOfDatetime() {
        assertThat(FrappeDates.format(LocalDateTime.of(2026, 11, 20, 10, 0))).isEqualTo("2026-11-20 10:00:00");
        assertThat(FrappeDates.format(LocalDateTime.of(2026, 11, 20, 10, 0, 0, 123_456_000)))
                .isEqualTo("2026-11-20 10:00:00.123456");
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
            assertThat(FrappeDates.format(t)).as(t.toString()).isEqualTo((nanos == 0 ? whole : micros).format(t));
        }
        LocalDateTime farFuture = LocalDateTime.of(10_000, 1, 1, 0, 0);
        assertThat(FrappeDates.format(farFuture)).isEqualTo(whole.format(farFuture));
    }

    @Test
    void roundTripsWhatFrappeSends() {
        for (String s : new String[] {"2026-01-02 03:04:05", "2026-01-02 03:04:05.000001"}) {
            assertThat(FrappeDates.format(FrappeDates.parse(s))).isEqualTo(s);
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
            assertThat(FrappeDates.parse(s)).as(s).isEqualTo(LocalDateTime.parse(s, reference));
        }
    }

    @Test
    void impossibleDatesAndOtherShapesAreRefusedOrReadByTheGeneralParser() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> FrappeDates.parse("2026-13-01 00:00:00"));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> FrappeDates.parse("2026-02-30 00:00:00"));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> FrappeDates.parse("2026-01-01 00:00:00."));
        assertThat(FrappeDates.parse("2026-01-01")).isEqualTo(LocalDateTime.of(2026, 1, 1, 0, 0));
        assertThat(FrappeDates.parse(" 2026-01-01T08:30:00 ")).isEqualTo(LocalDateTime.of(2026, 1, 1, 8, 30));
    }

    @Test
    void refusesTextThatIsNoDateWithTheTextInTheMessage() {
        IllegalArgumentException e = assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> FrappeDates.parse("yesterday"))
                .actual();
        assertThat(e.getMessage()).contains("'yesterday'");
    }
}
