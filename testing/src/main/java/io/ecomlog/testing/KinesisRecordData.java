package io.ecomlog.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One record as read back from kinesis-local by {@link KinesisLocal#readAll(String)}.
 *
 * @param shardId        shard the record was stored in
 * @param partitionKey   partition key the producer sent
 * @param sequenceNumber sequence number assigned by the stream
 * @param data           the record payload (not copied: do not modify)
 */
public record KinesisRecordData(String shardId, String partitionKey, String sequenceNumber, byte[] data) {

    public KinesisRecordData {
        Objects.requireNonNull(data, "data");
    }

    /** The payload decoded as UTF-8. */
    public String dataAsString() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KinesisRecordData other
                && Objects.equals(shardId, other.shardId)
                && Objects.equals(partitionKey, other.partitionKey)
                && Objects.equals(sequenceNumber, other.sequenceNumber)
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(shardId, partitionKey, sequenceNumber) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "KinesisRecordData[shardId=" + shardId + ", partitionKey=" + partitionKey
                + ", sequenceNumber=" + sequenceNumber + ", data=" + dataAsString() + "]";
    }
}
