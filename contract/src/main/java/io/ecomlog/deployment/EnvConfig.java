package io.ecomlog.deployment;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Configuration of a backend function from its environment, read once at cold start and checked there: a missing
 * or bad value fails the start with a {@link ConfigException} that names the variable, the rule and the value,
 * rather than failing the first record an hour later. Defaults are stated where each variable is read.
 *
 * <pre>{@code
 * var env = EnvConfig.fromSystem();
 * String table = env.required("ORDERS_TABLE");
 * int limit = env.integer("FAILED_LOGIN_THRESHOLD", 5, 1, 10_000);
 * }</pre>
 */
public final class EnvConfig {

    private final Map<String, String> env;

    public EnvConfig(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static EnvConfig fromSystem() {
        return new EnvConfig(System.getenv());
    }

    /** The value, stripped; null when unset or blank. */
    public String optional(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    public String string(String name, String defaultValue) {
        String v = optional(name);
        return v == null ? defaultValue : v;
    }

    public String required(String name) {
        String v = optional(name);
        if (v == null) {
            throw new ConfigException(name + " must be set");
        }
        return v;
    }

    public int integer(String name, int defaultValue, int min, int max) {
        return parse(name, defaultValue, min, max, "a whole number", Integer::valueOf);
    }

    public long longValue(String name, long defaultValue, long min, long max) {
        return parse(name, defaultValue, min, max, "a whole number", Long::valueOf);
    }

    public BigDecimal decimal(String name, BigDecimal defaultValue, BigDecimal min, BigDecimal max) {
        return parse(name, defaultValue, min, max, "a decimal number", BigDecimal::new);
    }

    /** A duration in seconds. */
    public Duration seconds(String name, Duration defaultValue, Duration min, Duration max) {
        long s = longValue(name, defaultValue.toSeconds(), min.toSeconds(), max.toSeconds());
        return Duration.ofSeconds(s);
    }

    public boolean bool(String name, boolean defaultValue) {
        String v = optional(name);
        if (v == null) {
            return defaultValue;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(name + " must be true or false, was \"" + v + "\"");
        };
    }

    /** An endpoint override (tests, local mode, VPC endpoints): an absolute http(s) URI, or null when unset. */
    public URI endpoint(String name) {
        String v = optional(name);
        if (v == null) {
            return null;
        }
        try {
            URI uri = new URI(v);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new URISyntaxException(v, "not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(name + " must be an http(s) URL such as http://127.0.0.1:4566, was \"" + v
                    + "\"");
        }
    }

    private <T extends Comparable<T>> T parse(String name, T defaultValue, T min, T max, String what,
                                              Function<String, T> parser) {
        String v = optional(name);
        if (v == null) {
            return defaultValue;
        }
        T value;
        try {
            value = parser.apply(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be " + what + " between " + min + " and " + max + ", was \""
                    + v + "\"");
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ConfigException(name + " must be between " + min + " and " + max + ", was " + v);
        }
        return value;
    }
}
