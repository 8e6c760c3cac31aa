package io.ecomlog.codec;

/**
 * A line that cannot be decoded into an event: not JSON, truncated, not an object, an unknown or missing
 * {@code event_type}, a field of the wrong JSON type, or an event that fails validation. The message says which,
 * naming the field; {@link #reason()} says it as a stable category to count by. Unchecked, because decoders run
 * inside stream pipelines and lambdas (spool replay, backend jobs) where a checked exception only gets wrapped;
 * catch it where you count and skip bad lines.
 */
public final class MalformedEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a line is not an event, as a category for counters (the message has the details). */
    public enum Reason {
        /** Not one JSON object: broken or truncated JSON, another JSON value, trailing content, empty input. */
        NOT_JSON("not JSON"),
        /** A JSON object without {@code event_type}: a foreign line, not an ecomlog event. */
        NOT_AN_EVENT("not an ecomlog event"),
        /** An {@code event_type} this version does not know. */
        UNKNOWN_EVENT_TYPE("unknown event type"),
        /** A known type with a field of the wrong JSON type or a value that fails validation. */
        INVALID_EVENT("invalid event");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        /** A short label for counters and quarantine records, e.g. {@code "not JSON"}. */
        public String label() {
            return label;
        }
    }

    private final Reason reason;

    public MalformedEventException(String message) {
        this(Reason.INVALID_EVENT, message, null);
    }

    public MalformedEventException(String message, Throwable cause) {
        this(Reason.INVALID_EVENT, message, cause);
    }

    public MalformedEventException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
