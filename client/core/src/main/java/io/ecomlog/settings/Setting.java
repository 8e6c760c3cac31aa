package io.ecomlog.settings;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One setting of the client: its name, its default, how its text is read and what values it takes, described once
 * here and only supplied with values by the surfaces ({@code EcomlogClient.Builder}, the appenders' files through
 * {@code PipelineSettings}, Spring's {@code ecomlog.*} properties), in the manner of Micrometer's
 * {@code PushRegistryConfig}. The settings reference in {@code docs/client.md} is printed from these.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {

    private final String name;
    private final String springProperty;
    private final T defaultValue;
    private final String rule;
    private final String description;
    private final Function<String, T> parser;
    private final Function<T, String> problem;
    private final Function<T, String> formatter;

    private Setting(String name, String springProperty, T defaultValue, String rule, String description,
                    Function<String, T> parser, Function<T, String> problem, Function<T, String> formatter) {
        this.name = Objects.requireNonNull(name, "name");
        this.springProperty = Objects.requireNonNull(springProperty, "springProperty");
        this.defaultValue = defaultValue;
        this.rule = rule;
        this.description = description;
        this.parser = parser;
        this.problem = problem;
        this.formatter = formatter;
    }

    /** A duration of at least {@code min}. */
    public static Setting<Duration> duration(String name, String springProperty, Duration defaultValue, Duration min,
                                             String description) {
        return new Setting<>(name, springProperty, defaultValue, "duration ≥ " + Durations.format(min), description,
                text -> Durations.parse(text, name),
                v -> v.compareTo(min) < 0 ? "at least " + Durations.format(min) : null, Durations::format);
    }

    /** A size in bytes of at least {@code min}. */
    public static Setting<Long> size(String name, String springProperty, long defaultValue, long min,
                                     String description) {
        return new Setting<>(name, springProperty, defaultValue, "size ≥ " + min, description,
                text -> Sizes.parse(text, name), v -> v < min ? "at least " + min + " bytes" : null, Sizes::format);
    }

    /** A whole number from {@code min} to {@code max}. */
    public static Setting<Integer> integer(String name, String springProperty, int defaultValue, int min, int max,
                                           String description) {
        return new Setting<>(name, springProperty, defaultValue, min + " to " + max, description, text -> {
            try {
                return Integer.valueOf(text.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": not a whole number: \"" + text + "\"");
            }
        }, v -> v < min || v > max ? "between " + min + " and " + max : null, String::valueOf);
    }

    /** A number (a percentage, a rate) from {@code min} to {@code max}. */
    public static Setting<Float> decimal(String name, String springProperty, float defaultValue, float min, float max,
                                         String description) {
        return new Setting<>(name, springProperty, defaultValue, min + " to " + max, description, text -> {
            try {
                return Float.valueOf(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": not a number: \"" + text + "\"");
            }
        }, v -> v < min || v > max ? "between " + min + " and " + max : null, String::valueOf);
    }

    public static Setting<Boolean> bool(String name, String springProperty, boolean defaultValue,
                                        String description) {
        return new Setting<>(name, springProperty, defaultValue, "true | false", description, text -> {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (!t.equals("true") && !t.equals("false")) {
                throw new IllegalArgumentException(name + " must be true or false, was \"" + text + "\"");
            }
            return Boolean.valueOf(t);
        }, v -> null, String::valueOf);
    }

    /** One constant of an enum, case-insensitive, {@code -} read as {@code _}. */
    public static <E extends Enum<E>> Setting<E> choice(String name, String springProperty, E defaultValue,
                                                        String description) {
        Class<E> type = defaultValue.getDeclaringClass();
        String words = String.join(" | ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
        return new Setting<>(name, springProperty, defaultValue, words, description, text -> {
            try {
                return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " must be one of "
                        + Arrays.toString(type.getEnumConstants()) + ", was \"" + text + "\"");
            }
        }, v -> null, Enum::name);
    }

    /** Free text; a null default means the client derives it (stated in the description). */
    public static Setting<String> text(String name, String springProperty, String description) {
        return new Setting<>(name, springProperty, null, "text", description, String::trim,
                v -> v.isBlank() ? "not blank" : null, v -> v);
    }

    /** The name in the builder and in the appenders' files (camelCase). */
    public String name() {
        return name;
    }

    /** The Spring Boot property ({@code ecomlog.} and kebab-case, grouped as the starter groups them). */
    public String springProperty() {
        return springProperty;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** The default as the text surfaces write it, or null when the client derives it. */
    public String defaultText() {
        return defaultValue == null ? null : formatter.apply(defaultValue);
    }

    public String rule() {
        return rule;
    }

    public String description() {
        return description;
    }

    /** Reads a text value (null for null or blank text) and checks it. */
    public T parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return check(parser.apply(text));
    }

    /** The value, when it is one this setting takes; else an {@link IllegalArgumentException} naming the setting. */
    public T check(T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must be set");
        }
        String wrong = problem.apply(value);
        if (wrong != null) {
            throw new IllegalArgumentException(name + " must be " + wrong + ", was " + formatter.apply(value));
        }
        return value;
    }

    @Override
    public String toString() {
        return name;
    }
}
