package io.ecomlog.transport;

/** Why an event did not arrive; decides whether the pipeline retries it or falls back at once. */
public enum FailureKind {
    /** The destination asked us to slow down (ProvisionedThroughputExceeded, ServiceUnavailable, 429). */
    THROTTLED(true),
    /** A 5xx or an internal failure of the service. */
    SERVER_ERROR(true),
    /** Connection refused or reset, timeouts: the destination may be back soon. */
    NETWORK(true),
    /** The request was rejected as such (missing stream, access denied, validation): retrying cannot help. */
    CLIENT_ERROR(false),
    /** The event is larger than the destination takes in one record. */
    OVERSIZE(false);

    private final boolean retryable;

    FailureKind(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
