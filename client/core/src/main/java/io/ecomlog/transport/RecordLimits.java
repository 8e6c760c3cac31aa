package io.ecomlog.transport;

/**
 * A record-stream service's hard limits, and the record size we pack to.
 *
 * @param maxRecordsPerCall   records in one PutRecords / PutRecordBatch call
 * @param maxBytesPerCall     bytes in one call (Kinesis counts partition keys)
 * @param maxRecordBytes      bytes in one record (hard; with the partition key for Kinesis)
 * @param targetRecordBytes   bytes we pack a record up to (a billing unit, or a multiple of one)
 * @param partitionKeysCount  whether partition keys count toward the limits (Kinesis yes, Firehose has none)
 */
public record RecordLimits(int maxRecordsPerCall, long maxBytesPerCall, int maxRecordBytes, int targetRecordBytes,
                           boolean partitionKeysCount) {

    /** Kinesis PutRecords: 500 records, 5 MiB per call, 1 MiB per record, keys included; 25 KB PUT payload units. */
    public static final RecordLimits KINESIS = new RecordLimits(500, 5L * 1024 * 1024, 1024 * 1024, 25_000, true);

    /** Firehose PutRecordBatch: 500 records, 4 MiB per call, 1,000 KiB per record; billed in 5 KB increments. */
    public static final RecordLimits FIREHOSE = new RecordLimits(500, 4L * 1024 * 1024, 1000 * 1024, 500 * 1024, false);

    public RecordLimits {
        if (targetRecordBytes <= 0 || targetRecordBytes > maxRecordBytes) {
            throw new IllegalArgumentException("targetRecordBytes must be between 1 and " + maxRecordBytes
                    + " (the service's record limit), was " + targetRecordBytes);
        }
    }

    public RecordLimits withTargetRecordBytes(int target) {
        return new RecordLimits(maxRecordsPerCall, maxBytesPerCall, maxRecordBytes, target, partitionKeysCount);
    }
}
