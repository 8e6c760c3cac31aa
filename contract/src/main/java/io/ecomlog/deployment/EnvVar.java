package io.ecomlog.deployment;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One environment variable of a backend function: its name, whether it must be set, its default and bounds, and
 * what it means. The function reads it with {@link #read(EnvConfig)}; the deployment stack and local mode set it by
 * {@link #name()}; the reference in the docs is printed from it. So a variable has one name everywhere, and a
 * rename is a compile error in the stack, the handler and local mode at once.
 *
 * @param <T> the value's type once read and checked
 */
public final class EnvVar<T> {

    private final String name;
    private final boolean required;
    private final String defaultText;
    private final String rule;
    private final String description;
    private final Function<EnvConfig, T> reader;

    private EnvVar(String name, boolean required, String defaultText, String rule, String description,
                   Function<EnvConfig, T> reader) {
        this.name = Objects.requireNonNull(name, "name");
        this.required = required;
        this.defaultText = defaultText;
        this.rule = rule;
        this.description = Objects.requireNonNull(description, "description");
        this.reader = reader;
    }

    /** Text that must be set (a table, bucket or topic the stack wires in). */
    public static EnvVar<String> required(String name, String description) {
        return new EnvVar<>(name, true, null, "text", description, env -> env.required(name));
    }

    /** Text with a default; a null default reads as null when unset (the handler then derives it). */
    public static EnvVar<String> text(String name, String defaultValue, String description) {
        return new EnvVar<>(name, false, defaultValue, "text", description, env -> env.string(name, defaultValue));
    }

    /** One of a fixed set of lower-case words, case-insensitive when read. */
    public static EnvVar<String> oneOf(String name, String defaultValue, String description, String... allowed) {
        var words = List.of(allowed);
        return new EnvVar<>(name, false, defaultValue, String.join(" | ", words), description, env -> {
            String v = env.string(name, defaultValue).toLowerCase(Locale.ROOT);
            if (!words.contains(v)) {
                throw new ConfigException(name + " must be " + String.join(" or ", words) + ", was \""
                        + env.optional(name) + "\"");
            }
            return v;
        });
    }

    public static EnvVar<Integer> integer(String name, int defaultValue, int min, int max, String description) {
        return new EnvVar<>(name, false, Integer.toString(defaultValue), min + " to " + max, description,
                env -> env.integer(name, defaultValue, min, max));
    }

    public static EnvVar<BigDecimal> decimal(String name, BigDecimal defaultValue, BigDecimal min, BigDecimal max,
                                             String description) {
        return new EnvVar<>(name, false, defaultValue.toPlainString(), min.toPlainString() + " to "
                + max.toPlainString(), description, env -> env.decimal(name, defaultValue, min, max));
    }

    /** A duration written as whole seconds. */
    public static EnvVar<Duration> seconds(String name, Duration defaultValue, Duration min, Duration max,
                                           String description) {
        return new EnvVar<>(name, false, Long.toString(defaultValue.toSeconds()), min.toSeconds() + " to "
                + max.toSeconds() + " seconds", description, env -> env.seconds(name, defaultValue, min, max));
    }

    public static EnvVar<Boolean> bool(String name, boolean defaultValue, String description) {
        return new EnvVar<>(name, false, Boolean.toString(defaultValue), "true | false", description,
                env -> env.bool(name, defaultValue));
    }

    /** An http(s) URL; {@code required} says whether the function can start without it. */
    public static EnvVar<URI> endpoint(String name, boolean required, String description) {
        return new EnvVar<>(name, required, null, "http(s) URL", description, env -> {
            URI uri = env.endpoint(name);
            if (uri == null && required) {
                throw new ConfigException(name + " must be set");
            }
            return uri;
        });
    }

    /** The value in this environment, checked: a missing or bad value throws a {@link ConfigException} naming it. */
    public T read(EnvConfig env) {
        return reader.apply(env);
    }

    public String name() {
        return name;
    }

    public boolean isRequired() {
        return required;
    }

    /** The default as it would be written in the environment, or null (none, or derived by the function). */
    public String defaultText() {
        return defaultText;
    }

    /** What a value must be: a range, a set of words, a kind. */
    public String rule() {
        return rule;
    }

    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return name;
    }
}
