package io.ecomlog.backend.flink.settings;

import io.ecomlog.settings.Durations;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The job's parameters as one flat map of {@code group.key} names: Managed Flink's runtime property groups (group
 * {@code ecomlog.jobs}, key {@code bot.max.actions} → {@code ecomlog.jobs.bot.max.actions}) or command-line arguments
 * ({@code --ecomlog.jobs.bot.max.actions 20}). Every getter validates and names the parameter in its error, so a
 * mistyped setting stops the job at start, not an hour into it. Names nobody asked for are reported by
 * {@link #unknown()}.
 */
public final class Parameters {

    private final Map<String, String> values;
    private final Set<String> asked = new TreeSet<>();

    public Parameters(Map<String, String> values) {
        this.values = new TreeMap<>(values);
    }

    /** Flattens Managed Flink's property groups into {@code group.key} names. */
    public static Parameters fromPropertyGroups(Map<String, Properties> groups) {
        var flat = new TreeMap<String, String>();
        groups.forEach((group, properties) -> properties.stringPropertyNames()
                .forEach(key -> flat.put(group + "." + key, properties.getProperty(key).trim())));
        return new Parameters(flat);
    }

    /** Every value, by name. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    public String text(String name, String fallback) {
        asked.add(name);
        String v = values.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    public String required(String name, String why) {
        String v = text(name, null);
        if (v == null) {
            throw new IllegalArgumentException(name + " must be set (" + why + ")");
        }
        return v;
    }

    public long count(String name, long fallback, long min) {
        String v = text(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v);
            if (n < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ", was " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + v + "'", e);
        }
    }

    public BigDecimal decimal(String name, BigDecimal fallback, BigDecimal min, BigDecimal max) {
        String v = text(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            var d = new BigDecimal(v);
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new IllegalArgumentException(name + " must be between " + min.toPlainString() + " and "
                        + max.toPlainString() + ", was " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a decimal number, was '" + v + "'", e);
        }
    }

    /**
     * A duration such as {@code 10s}, {@code 500ms}, {@code 1min}, {@code 1h} or {@code PT10S}: the client's one
     * grammar ({@link Durations}), so the jobs' parameters read as the appenders' and the shipper's settings do.
     */
    public Duration duration(String name, Duration fallback, Duration min) {
        String v = text(name, null);
        if (v == null) {
            return fallback;
        }
        Duration d;
        try {
            d = Durations.parse(v, name);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be a duration such as 10s, 1min or PT10S, was '" + v
                    + "'", e);
        }
        if (d.compareTo(min) < 0) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + v);
        }
        return d;
    }

    public <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
        String v = text(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ", was '" + v
                    + "'", e);
        }
    }

    /** Parameters in the {@code ecomlog.} namespace that no getter asked for: most likely typos. */
    public Set<String> unknown() {
        return values.keySet().stream().filter(k -> k.startsWith("ecomlog.") && !asked.contains(k))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
