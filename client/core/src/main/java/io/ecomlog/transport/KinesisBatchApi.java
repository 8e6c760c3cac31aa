package io.ecomlog.transport;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * Kinesis Data Streams through the SDK v2 PutRecords call. {@code ownsClient}: whether {@link #close()} closes the
 * client (not when it is the application's own).
 */
public record KinesisBatchApi(KinesisClient client, String streamName, RecordLimits limits, boolean ownsClient)
        implements RecordBatchApi {

    @Override
    public String name() {
        return "kinesis:" + streamName;
    }

    @Override
    public List<String> putBatch(List<PackedRecord> records) {
        var entries = new ArrayList<PutRecordsRequestEntry>(records.size());
        for (var r : records) {
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(r.partitionKey())
                    .data(SdkBytes.fromByteArrayUnsafe(r.data()))
                    .build());
        }
        var response = client.putRecords(b -> b.streamName(streamName).records(entries));
        var errors = new ArrayList<String>(records.size());
        for (var result : response.records()) {
            errors.add(result.errorCode());
        }
        return errors;
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }
}
