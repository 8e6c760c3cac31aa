package io.ecomlog.transport;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.Record;

import java.util.ArrayList;
import java.util.List;

/**
 * Amazon Data Firehose through the SDK v2 PutRecordBatch call. {@code ownsClient}: whether {@link #close()} closes the
 * client (not when it is the application's own).
 */
public record FirehoseBatchApi(FirehoseClient client, String deliveryStreamName, RecordLimits limits, boolean ownsClient)
        implements RecordBatchApi {

    @Override
    public String name() {
        return "firehose:" + deliveryStreamName;
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
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }
}
