package io.ecomlog.transport;

import io.ecomlog.record.EncodedEvent;

import java.util.List;

/**
 * One Kinesis or Firehose record: several events as newline-delimited JSON (every event ends with a newline, so the
 * records Firehose concatenates into one S3 object stay valid NDJSON), optionally gzip-compressed.
 */
public record PackedRecord(String partitionKey, byte[] data, List<EncodedEvent> events) {

    /** Bytes the record counts against the service's size limits (the partition key counts for Kinesis). */
    public int sizeWithKey() {
        return data.length + (partitionKey == null ? 0 : partitionKey.length());
    }
}
