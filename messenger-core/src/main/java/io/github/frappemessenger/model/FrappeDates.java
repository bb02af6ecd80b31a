package io.github.frappemessenger.model;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Frappe's date-time strings: {@code YYYY-MM-DD HH:MM:SS} with an optional fraction of up to six digits, in the
 * site's time zone and without an offset. Formatting mirrors Python's {@code str(datetime)}: the fraction is
 * written as six digits only when it is not zero.
 */
public final class FrappeDates {
    private static final DateTimeFormatter PARSER = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .toFormatter();
    private static final DateTimeFormatter WHOLE_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private FrappeDates() {
    }

    /** Parses a Frappe date-time; a bare date ({@code YYYY-MM-DD}) and a {@code T} separator are accepted too. */
    public static LocalDateTime parse(String text) {
        String s = text.strip();
        if (s.length() == 10) {
            s = s + " 00:00:00";
        }
        s = s.replace('T', ' ');
        try {
            return LocalDateTime.parse(s, PARSER);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "not a Frappe date-time (expected YYYY-MM-DD HH:MM:SS[.ffffff]): '" + text + "'", e);
        }
    }

    /** Formats as Frappe (and Python's {@code str(datetime)}) does. */
    public static String format(LocalDateTime time) {
        return time.getNano() == 0 ? WHOLE_SECONDS.format(time) : MICROS.format(time);
    }
}
