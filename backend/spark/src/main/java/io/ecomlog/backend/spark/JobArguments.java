package io.ecomlog.backend.spark;

import java.util.HashMap;
import java.util.Map;

/**
 * Job parameters as Glue passes them ({@code --name value}, among Glue's own, which are ignored) and as EMR
 * Serverless passes {@code entryPointArguments}.
 */
public final class JobArguments {

    private final Map<String, String> named = new HashMap<>();

    public JobArguments(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].startsWith("--")) {
                named.put(args[i].substring(2), args[i + 1]);
            }
        }
    }

    /** The value, or null. */
    public String get(String name) {
        return named.get(name);
    }

    public String required(String name) {
        String v = named.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + name + " must be set");
        }
        return v;
    }

    public double number(String name, double defaultValue) {
        String v = named.get(name);
        try {
            return v == null ? defaultValue : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, was " + v, e);
        }
    }
}
