package io.ecomlog.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Normalises the free-form {@code properties} map into immutable JSON values, so that an event equals itself after
 * a trip through JSON: strings (cleaned), booleans, {@link Long} for integral numbers (or {@link BigInteger} beyond
 * 64 bits), {@link BigDecimal} for the others (floats and doubles are converted; NaN and infinities are rejected),
 * lists and maps with string keys. Enums become their name, UUIDs and other char sequences their text. Null map
 * values are dropped; anything else is reported.
 */
final class JsonValues {

    static final int MAX_DEPTH = 32;
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private JsonValues() {
    }

    static Map<String, Object> normalizeMap(Map<?, ?> map, String path, Violations violations) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = map(map, path, violations, 0);
        return out.isEmpty() ? Map.of() : out;
    }

    private static Object value(Object v, String path, Violations violations, int depth) {
        if (depth > MAX_DEPTH) {
            violations.envelope(path, "nests deeper than " + MAX_DEPTH + " levels");
            return null;
        }
        if (v == null || v instanceof Boolean) {
            return v;
        } else if (v instanceof String s) {
            return Text.clean(s);
        } else if (v instanceof Number n) {
            return number(n, path, violations);
        } else if (v instanceof Map<?, ?> m) {
            return map(m, path, violations, depth + 1);
        } else if (v instanceof Collection<?> c) {
            return list(c, path, violations, depth + 1);
        } else if (v instanceof Object[] array) {
            return list(Arrays.asList(array), path, violations, depth + 1);
        } else if (v instanceof Enum<?> e) {
            return e.name();
        } else if (v instanceof CharSequence || v instanceof Character || v instanceof UUID) {
            return Text.clean(v.toString());
        }
        violations.envelope(path, "has unsupported type " + v.getClass().getName()
                + "; use a string, number, boolean, list or map");
        return null;
    }

    private static Map<String, Object> map(Map<?, ?> m, String path, Violations violations, int depth) {
        var out = new LinkedHashMap<String, Object>(Math.max(4, m.size() * 2));
        for (var e : m.entrySet()) {
            if (!(e.getKey() instanceof CharSequence key)) {
                violations.envelope(path, "has a " + (e.getKey() == null ? "null" : "non-string") + " key");
                continue;
            }
            if (e.getValue() != null) {
                String k = Text.clean(key.toString());
                out.put(k, value(e.getValue(), path + "." + k, violations, depth));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static List<Object> list(Collection<?> c, String path, Violations violations, int depth) {
        var out = new ArrayList<>(c.size());
        int i = 0;
        for (Object o : c) {
            out.add(value(o, path + "[" + i++ + "]", violations, depth));
        }
        return Collections.unmodifiableList(out);
    }

    private static Object number(Number n, String path, Violations violations) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        } else if (n instanceof BigInteger b) {
            return b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0 ? (Object) b.longValue() : b;
        } else if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                violations.envelope(path, "must be a finite number, was " + n);
                return null;
            }
            return decimal(new BigDecimal(n.toString()));
        } else if (n instanceof BigDecimal d) {
            return decimal(d);
        }
        try {
            return decimal(new BigDecimal(n.toString()));
        } catch (NumberFormatException e) {
            violations.envelope(path, "has unsupported number type " + n.getClass().getName());
            return null;
        }
    }

    /** Integral decimals without a fraction part ({@code 5}, {@code 5E+2}) become longs, as JSON reads them back. */
    private static Object decimal(BigDecimal d) {
        if (d.scale() <= 0 && d.precision() - d.scale() <= 18) {
            return d.longValueExact();
        }
        return d;
    }
}
