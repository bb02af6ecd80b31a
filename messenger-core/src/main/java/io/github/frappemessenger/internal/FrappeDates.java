package io.github.frappemessenger.internal;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/**
 * Frappe's date-time strings: {@code YYYY-MM-DD HH:MM:SS} with an optional fraction of up to six digits, in the
 * site's time zone and without an offset. Formatting mirrors Python's {@code str(datetime)}: the fraction is
 * written as six digits only when it is not zero.
 */
public final class FrappeDates {
    private static final DateTimeFormatter PARSER = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT); // 2026-02-30 is an error, not 2026-02-28
    private static final DateTimeFormatter WHOLE_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private FrappeDates() {
    }

    /** Parses a Frappe date-time; a bare date ({@code YYYY-MM-DD}) and a {@code T} separator are accepted too. */
    public static LocalDateTime parse(String text) {
        LocalDateTime canonical = parseCanonical(text);
        if (canonical != null) {
            return canonical;
        }
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

    /**
     * The exact shape Frappe writes, {@code YYYY-MM-DD HH:MM:SS} with an optional {@code .f} to {@code .ffffff},
     * read digit by digit: every message carries a timestamp, and the general formatter costs several times more.
     * Returns null for any other shape, which then goes through the formatter (and its error message).
     */
    private static LocalDateTime parseCanonical(String s) {
        int n = s.length();
        if (n < 19 || n == 20 || n > 26 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != ' '
                || s.charAt(13) != ':' || s.charAt(16) != ':' || (n > 19 && s.charAt(19) != '.')) {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int fraction = n > 19 ? digits(s, 20, n) : 0;
        if ((year | month | day | hour | minute | second | fraction) < 0) {
            return null;
        }
        for (int i = n; i < 26 && n > 19; i++) {
            fraction *= 10;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, fraction * 1_000);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The number written by the digits in [from, to), or -1 when one is not a digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    /**
     * Formats as Frappe (and Python's {@code str(datetime)}) does. Years 1 to 9999 (all Python has) are written
     * digit by digit: every event carries dates, and the general formatter was a tenth of the emitter's time.
     */
    public static String format(LocalDateTime time) {
        int year = time.getYear();
        if (year < 1 || year > 9999) {
            return time.getNano() == 0 ? WHOLE_SECONDS.format(time) : MICROS.format(time);
        }
        int micros = time.getNano() / 1_000;
        char[] c = new char[time.getNano() == 0 ? 19 : 26];
        put(c, 0, year, 4);
        c[4] = '-';
        put(c, 5, time.getMonthValue(), 2);
        c[7] = '-';
        put(c, 8, time.getDayOfMonth(), 2);
        c[10] = ' ';
        put(c, 11, time.getHour(), 2);
        c[13] = ':';
        put(c, 14, time.getMinute(), 2);
        c[16] = ':';
        put(c, 17, time.getSecond(), 2);
        if (c.length > 19) {
            c[19] = '.';
            put(c, 20, micros, 6);
        }
        return new String(c);
    }

    /** Writes {@code value} as {@code width} digits, zero-padded, at {@code at}. */
    private static void put(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
