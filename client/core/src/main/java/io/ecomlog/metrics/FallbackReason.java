package io.ecomlog.metrics;

/** Why events left their destination for the S3 backup or the spool. */
public enum FallbackReason {
    /** Retries did not get the event through within the record TTL. */
    TTL_EXPIRED,
    /** The destination's circuit breaker is open. */
    CIRCUIT_OPEN,
    /** The destination rejected the event in a way retrying cannot fix. */
    NOT_RETRYABLE,
    /** The event is larger than the destination's record limit. */
    OVERSIZE,
    /** The client was closing and the event had not been delivered yet. */
    SHUTDOWN
}
