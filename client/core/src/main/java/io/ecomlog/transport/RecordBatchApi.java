package io.ecomlog.transport;

import java.util.List;

/**
 * The one call in which Kinesis PutRecords and Firehose PutRecordBatch differ; {@link RecordStreamDestination} does
 * the packing, splitting and failure mapping for both.
 */
public interface RecordBatchApi extends AutoCloseable {

    /** e.g. {@code kinesis:events}. */
    String name();

    RecordLimits limits();

    /**
     * Puts the records in one call. Returns, per record and in order, {@code null} when it was accepted or the
     * service's error code when it was not. Throws the SDK's exception when the call as a whole failed.
     */
    List<String> putBatch(List<PackedRecord> records);

    /** How a per-record error code of this service is to be treated (Kinesis and Firehose share their codes). */
    default FailureKind classify(String errorCode) {
        return FailureClassifier.classifyErrorCode(errorCode);
    }

    @Override
    default void close() {
    }
}
