package io.ecomlog.deployment;

/** A function's configuration is missing or wrong; the message names the variable. Thrown at cold start. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
