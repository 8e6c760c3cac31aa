package io.ecomlog.pipeline;

/** What {@code track} does when the in-memory queue is full. Every event it gives up is counted as dropped. */
public enum OverflowPolicy {
    /** Refuse the new event (default: the caller never waits, the oldest data is kept). */
    DROP_NEWEST,
    /** Evict the oldest queued event to make room: the freshest data is kept. */
    DROP_OLDEST,
    /** Wait up to the configured timeout for room, then drop the new event. */
    BLOCK
}
