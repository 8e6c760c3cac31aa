package io.ecomlog.transport;

import io.ecomlog.record.EncodedEvent;

import java.util.List;

/**
 * A place events go: a Kinesis stream, a Firehose stream, an S3 prefix, a local folder.
 *
 * <p>Implementations do one synchronous attempt and report, event by event, what did not arrive; the pipeline owns
 * retries, backoff, the circuit breaker and the fall-back chain, so every destination gets them alike.
 * {@link #deliver} is called from one thread at a time.
 */
public interface Destination extends AutoCloseable {

    /** A short name for metrics and messages, e.g. {@code kinesis:orders}. */
    String name();

    /** The largest single encoded event this destination accepts whole; larger ones go to the S3 backup. */
    long maxEventBytes();

    /**
     * Sends the events once. Never throws for a failure of the destination: a failed call is reported as every event
     * failed, with the cause.
     */
    DeliveryReport deliver(List<EncodedEvent> events);

    @Override
    default void close() {
    }
}
