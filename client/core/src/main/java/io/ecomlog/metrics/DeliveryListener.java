package io.ecomlog.metrics;

/**
 * Hears about the library's own problems. The logging adapters route these to their framework's status channel
 * (Logback's StatusManager, Log4j2's StatusLogger) so the library never logs through the appender it implements.
 * Called from the library's background threads; implementations must be quick and must not throw.
 */
public interface DeliveryListener {

    /** A problem worth a warning: a destination failing, events falling back or being dropped. */
    void warn(String message, Throwable cause);

    /** Something worth knowing while debugging. */
    default void info(String message) {
    }

    /** A listener that says nothing. */
    DeliveryListener SILENT = (message, cause) -> {
    };
}
