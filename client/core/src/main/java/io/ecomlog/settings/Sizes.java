package io.ecomlog.settings;

import java.util.Locale;
import java.util.regex.Pattern;

/** The one grammar of sizes in bytes: {@code 4MB}, {@code 4MiB}, {@code 512KB}, {@code 1GB} (binary multiples) or bytes. */
public final class Sizes {

    private static final Pattern AMOUNT = Pattern.compile("(\\d+)\\s*([a-zA-Z]*)");

    private Sizes() {
    }

    /**
     * @param what names the value in the message of the {@link IllegalArgumentException} a bad text throws
     * @return the number of bytes, or -1 for null or blank text
     */
    public static long parse(String text, String what) {
        if (text == null || text.isBlank()) {
            return -1;
        }
        var m = AMOUNT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(what + ": not a size (e.g. 4MB, 512KB): \"" + text + "\"");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "b", "bytes" -> n;
            case "k", "kb", "kib" -> n * 1024;
            case "m", "mb", "mib" -> n * 1024 * 1024;
            case "g", "gb", "gib" -> n * 1024 * 1024 * 1024;
            default -> throw new IllegalArgumentException(what + ": unknown unit in \"" + text
                    + "\" (use KB, MB or GB)");
        };
    }

    /** The shortest text {@link #parse} reads back to the same size: {@code 4MB}, {@code 500KB}, {@code 25000}. */
    public static String format(long bytes) {
        if (bytes > 0 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "GB";
        }
        if (bytes > 0 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "MB";
        }
        if (bytes > 0 && bytes % 1024 == 0) {
            return (bytes >> 10) + "KB";
        }
        return Long.toString(bytes);
    }
}
