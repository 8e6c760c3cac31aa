package io.ecomlog.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one grammar of durations on every surface that takes text (appender files, the shipper's configuration, the
 * simulator's options): {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 5 seconds}, ISO-8601
 * ({@code PT5S}), or a bare number of milliseconds. Written by hand because the JDK parses only ISO-8601 and the
 * libraries that read the friendly forms (Spring's, Flink's) are not on a client's class path.
 */
public final class Durations {

    private static final Pattern AMOUNT = Pattern.compile("(\\d+)\\s*([a-zA-Z]*)");

    private Durations() {
    }

    /**
     * @param what names the value in the message of the {@link IllegalArgumentException} a bad text throws
     * @return the duration, or null for null or blank text
     */
    public static Duration parse(String text, String what) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        if (t.startsWith("P") || t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(what + ": not a duration: \"" + text + "\"");
            }
        }
        var m = AMOUNT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException(what + ": not a duration (e.g. 500ms, 5s, PT5S): \"" + text + "\"");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "ms", "milli", "millis", "millisecond", "milliseconds" -> Duration.ofMillis(n);
            case "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(n);
            case "m", "min", "mins", "minute", "minutes" -> Duration.ofMinutes(n);
            case "h", "hour", "hours" -> Duration.ofHours(n);
            case "d", "day", "days" -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException(what + ": unknown unit in \"" + text
                    + "\" (use ms, s, m, h or d)");
        };
    }

    /** The shortest text {@link #parse} reads back to the same duration: {@code 500ms}, {@code 5s}, {@code 2m}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0 && ms > 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
