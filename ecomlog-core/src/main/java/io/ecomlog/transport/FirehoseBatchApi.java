package io.ecomlog.transport;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.Record;

import java.util.ArrayList;
import java.util.List;

/** Amazon Data Firehose through the SDK v2 PutRecordBatch call. */
public final class FirehoseBatchApi implements RecordBatchApi {

    private final FirehoseClient client;
    private final String deliveryStreamName;
    private final RecordLimits limits;
    private final boolean ownsClient;

    public FirehoseBatchApi(FirehoseClient client, String deliveryStreamName, RecordLimits limits,
                            boolean ownsClient) {
        this.client = client;
        this.deliveryStreamName = deliveryStreamName;
        this.limits = limits;
        this.ownsClient = ownsClient;
    }

    @Override
    public String name() {
        return "firehose:" + deliveryStreamName;
    }

    @Override
    public RecordLimits limits() {
        return limits;
    }

    @Override
    public List<String> putBatch(List<PackedRecord> records) {
        var entries = new ArrayList<Record>(records.size());
        for (var r : records) {
            entries.add(Record.builder().data(SdkBytes.fromByteArrayUnsafe(r.data())).build());
        }
        var response = client.putRecordBatch(b -> b.deliveryStreamName(deliveryStreamName).records(entries));
        var errors = new ArrayList<String>(records.size());
        for (var result : response.requestResponses()) {
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
