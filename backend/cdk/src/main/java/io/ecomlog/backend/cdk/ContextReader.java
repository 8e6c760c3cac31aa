package io.ecomlog.backend.cdk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads CDK context values ({@code cdk.json}, {@code -c key=value}) and checks them where they are read, so a bad
 * value stops the synthesis with a message naming the key rather than failing a deployment twenty minutes later.
 * Values arrive as JSON from {@code cdk.json} and as strings from the command line; both are accepted.
 */
final class ContextReader {

    static final String PREFIX = "ecomlog:";

    private final Function<String, Object> lookup;

    ContextReader(Function<String, Object> lookup) {
        this.lookup = lookup;
    }

    /** The raw value of {@code ecomlog:<name>}, or null when unset or blank. */
    Object raw(String name) {
        Object v = lookup.apply(PREFIX + name);
        return v instanceof String s && s.isBlank() ? null : v;
    }

    String string(String name, String defaultValue) {
        Object v = raw(name);
        return v == null ? defaultValue : v.toString().strip();
    }

    String optional(String name) {
        return string(name, null);
    }

    /** A value that must match {@code pattern}; {@code what} says in words what the pattern allows. */
    String matching(String name, String defaultValue, String pattern, String what) {
        String v = string(name, defaultValue);
        if (v != null && !v.matches(pattern)) {
            throw invalid(name, "must be " + what, v);
        }
        return v;
    }

    int integer(String name, int defaultValue, int min, int max) {
        Object v = raw(name);
        if (v == null) {
            return defaultValue;
        }
        int n;
        try {
            n = v instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                    ? number.intValue() : Integer.parseInt(v.toString().strip());
        } catch (NumberFormatException e) {
            throw invalid(name, "must be a whole number", v);
        }
        if (n < min || n > max) {
            throw invalid(name, "must be between " + min + " and " + max, v);
        }
        return n;
    }

    boolean bool(String name, boolean defaultValue) {
        Object v = raw(name);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        return switch (v.toString().strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw invalid(name, "must be true or false", v);
        };
    }

    /** One of {@code allowed} (case-insensitive), returned in lower case. */
    String oneOf(String name, String defaultValue, String... allowed) {
        String v = string(name, defaultValue).toLowerCase(Locale.ROOT);
        if (!Arrays.asList(allowed).contains(v)) {
            throw invalid(name, "must be one of " + String.join(", ", allowed), v);
        }
        return v;
    }

    /** A JSON array of strings, or one comma-separated string; each element checked against {@code pattern}. */
    List<String> list(String name, String pattern, String what) {
        Object v = raw(name);
        if (v == null) {
            return List.of();
        }
        List<?> items = v instanceof List<?> l ? l : Arrays.asList(v.toString().split(","));
        var out = new ArrayList<String>();
        for (Object item : items) {
            String s = String.valueOf(item).strip();
            if (s.isEmpty()) {
                continue;
            }
            if (!s.matches(pattern)) {
                throw invalid(name, "must hold only " + what, s);
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    static IllegalArgumentException invalid(String name, String rule, Object value) {
        return new IllegalArgumentException(
                "context key " + PREFIX + name + " " + rule + ", was \"" + value + "\"");
    }
}
