package io.ecomlog.transport;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.util.ArrayList;
import java.util.List;

/** Kinesis Data Streams through the SDK v2 PutRecords call. */
public final class KinesisBatchApi implements RecordBatchApi {

    private final KinesisClient client;
    private final String streamName;
    private final RecordLimits limits;
    private final boolean ownsClient;

    /**
     * @param ownsClient whether {@link #close()} closes the client: not when it is the application's own
     */
    public KinesisBatchApi(KinesisClient client, String streamName, RecordLimits limits, boolean ownsClient) {
        this.client = client;
        this.streamName = streamName;
        this.limits = limits;
        this.ownsClient = ownsClient;
    }

    @Override
    public String name() {
        return "kinesis:" + streamName;
    }

    @Override
    public RecordLimits limits() {
        return limits;
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
    public FailureKind classify(String errorCode) {
        return FailureClassifier.classifyErrorCode(errorCode);
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }
}
