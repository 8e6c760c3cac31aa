package io.ecomlog.event;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Normalisation shared by the model's constructors: every string, list and map that enters a record or an event
 * passes through here, so no value in the model can hold an unencodable string or a mutable collection.
 */
final class Text {

    private Text() {
    }

    /**
     * Returns {@code s} with every lone surrogate (invalid UTF-16) replaced by U+FFFD, or {@code s} itself when it
     * is already valid, which is the common case and costs one scan without allocation. Control characters are kept:
     * the JSON encoder escapes them.
     */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return repair(s, i);
                }
            }
        }
        return s;
    }

    private static String repair(String s, int firstBad) {
        var out = new StringBuilder(s.length()).append(s, 0, firstBad);
        int n = s.length();
        for (int i = firstBad; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    /** True when {@code s} is null, empty or whitespace only: such a value does not count as "set". */
    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** An unmodifiable copy that keeps null elements (validation reports them); null or empty gives an empty list. */
    static <T> List<T> list(List<T> in) {
        if (in == null || in.isEmpty()) {
            return List.of();
        }
        return Collections.unmodifiableList(new ArrayList<>(in));
    }

    /**
     * An unmodifiable, insertion-ordered copy with cleaned keys and values; entries with a null key or value are
     * dropped (JSON omits absent values). Null or empty gives {@code Map.of()}.
     */
    static Map<String, String> stringMap(Map<String, String> in) {
        if (in == null || in.isEmpty()) {
            return Map.of();
        }
        var out = new LinkedHashMap<String, String>(Math.max(4, in.size() * 2));
        for (var e : in.entrySet()) {
            if (e.getKey() != null && e.getValue() != null) {
                out.put(clean(e.getKey()), clean(e.getValue()));
            }
        }
        return out.isEmpty() ? Map.of() : Collections.unmodifiableMap(out);
    }

    /**
     * Gives a decimal written in exponent form with a negative scale ({@code 1E+3}) its plain form ({@code 1000}),
     * so a value compares equal to itself after a trip through JSON. Absurd magnitudes are left for validation.
     */
    static BigDecimal decimal(BigDecimal d) {
        if (d != null && d.scale() < 0 && d.precision() - d.scale() <= Decimals.MAX_INTEGER_DIGITS + 1) {
            return d.setScale(0);
        }
        return d;
    }

    /** Parses a decimal string for the builders' convenience overloads, naming the field when it is not one. */
    static BigDecimal parseDecimal(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    field + " must be a decimal string like \"19.95\", was \"" + text + "\"", e);
        }
    }
}
