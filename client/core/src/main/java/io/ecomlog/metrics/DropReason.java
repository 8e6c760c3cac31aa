package io.ecomlog.metrics;

/** Why an event was dropped: every drop is counted under one of these. */
public enum DropReason {
    /** The in-memory queue was full (drop-newest, drop-oldest, or block-with-timeout timed out). */
    QUEUE_FULL,
    /** {@code track} after {@code close}. */
    CLOSED,
    /** The input was not an event we can send (a foreign line that is not one JSON object, a null). */
    MALFORMED,
    /** Larger than the destination takes, and no S3 backup to take it whole. */
    OVERSIZE,
    /** Destination, backup and spool all failed or are absent, or the spool is at its bound. */
    UNDELIVERABLE,
    /** A spool segment could not be read back (hand-edited or damaged on disk). */
    SPOOL_CORRUPT,
    /** The JSON encoder failed on the event (a bug: reported with the cause). */
    ENCODE_ERROR,
    /** {@code close} ran out of time and had nowhere durable left to put the event. */
    SHUTDOWN
}
