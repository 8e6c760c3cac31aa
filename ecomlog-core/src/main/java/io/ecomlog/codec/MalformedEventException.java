package io.ecomlog.codec;

/**
 * A line that cannot be decoded into an event: not JSON, truncated, not an object, an unknown or missing
 * {@code event_type}, a field of the wrong JSON type, or an event that fails validation. The message says which,
 * naming the field. Unchecked, because decoders run inside stream pipelines and lambdas (spool replay, backend
 * jobs) where a checked exception only gets wrapped; catch it where you count and skip bad lines.
 */
public final class MalformedEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
