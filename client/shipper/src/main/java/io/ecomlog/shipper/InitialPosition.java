package io.ecomlog.shipper;

/**
 * Where a file that has no checkpoint is read from, when the shipper finds it at start-up (the Kinesis Agent's
 * {@code initialPosition}). A file that appears later (a rotation's new file) is always read from its start.
 */
public enum InitialPosition {
    START_OF_FILE,
    END_OF_FILE
}
