package io.ecomlog.codec;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * The wire form of instants: ISO-8601 in UTC with exactly three fraction digits, e.g.
 * {@code 2026-11-22T18:58:17.120Z}. Formatting is hand-rolled into a char array for the encoder's hot path
 * (a {@link DateTimeFormatter} costs several times more); parsing accepts any ISO-8601 instant or offset time.
 */
final class Timestamps {

    static final int LENGTH = 24;
    /** The same format for years outside 0000-9999, which the model never produces. */
    private static final DateTimeFormatter FALLBACK = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private Timestamps() {
    }

    /** Writes {@code t} into {@code out[0..24)} and returns 24, or returns -1 when the year needs another width. */
    static int format(Instant t, char[] out) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), ZoneOffset.UTC);
        int year = d.getYear();
        if (year < 0 || year > 9999) {
            return -1;
        }
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, d.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, d.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, d.getHour(), 2);
        out[13] = ':';
        digits(out, 14, d.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, d.getSecond(), 2);
        out[19] = '.';
        digits(out, 20, d.getNano() / 1_000_000, 3);
        out[23] = 'Z';
        return LENGTH;
    }

    static String format(Instant t) {
        char[] buffer = new char[LENGTH];
        return format(t, buffer) == LENGTH ? new String(buffer) : FALLBACK.format(t);
    }

    /**
     * Formats instants into one reused buffer and keeps the text of the last millisecond it formatted: events encoded
     * one after another mostly share their {@code sent_at} (and often their {@code event_time}) to the millisecond.
     * Not thread-safe.
     */
    static final class Formatter {

        private final char[] text = new char[LENGTH];
        private long seconds = Long.MIN_VALUE;
        private int millis = -1;

        /** Formats {@code t} into {@link #text()}; false (nothing formatted) when the year needs another width. */
        boolean format(Instant t) {
            int ms = t.getNano() / 1_000_000;
            if (t.getEpochSecond() == seconds && ms == millis) {
                return true;
            }
            if (Timestamps.format(t, text) != LENGTH) {
                seconds = Long.MIN_VALUE;
                return false;
            }
            seconds = t.getEpochSecond();
            millis = ms;
            return true;
        }

        /** The last instant formatted, in its first {@link Timestamps#LENGTH} characters. */
        char[] text() {
            return text;
        }
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Parses an ISO-8601 instant ({@code ...Z}) or offset date-time ({@code ...+01:00}); null when it is neither. */
    static Instant parse(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException e2) {
                return null;
            }
        }
    }
}
