package io.ecomlog.transport;

import io.ecomlog.record.EncodedEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * A Kinesis or Firehose destination: packs events into records ({@link RecordPacker}), cuts the records into calls
 * within the service's limits, and maps every failed record back to the events it carried.
 */
public final class RecordStreamDestination implements Destination {

    private final RecordBatchApi api;
    private final RecordLimits limits;
    private final RecordPacker packer;

    public RecordStreamDestination(RecordBatchApi api, boolean gzip) {
        this.api = api;
        this.limits = api.limits();
        this.packer = new RecordPacker(limits, gzip);
    }

    @Override
    public String name() {
        return api.name();
    }

    @Override
    public long maxEventBytes() {
        // one event per record at worst, plus its newline and a partition key of up to 256 chars
        return limits.maxRecordBytes() - 1 - (limits.partitionKeysCount() ? 256 : 0);
    }

    @Override
    public DeliveryReport deliver(List<EncodedEvent> events) {
        var records = packer.pack(events);
        var failed = new ArrayList<FailedEvent>();
        int delivered = 0, calls = 0, recordsOk = 0;
        long bytesOk = 0;
        Throwable callFailure = null;
        for (var call : splitIntoCalls(records)) {
            calls++;
            List<String> errors;
            try {
                errors = api.putBatch(call);
            } catch (RuntimeException e) {
                callFailure = e;
                var kind = FailureClassifier.classify(e);
                var detail = e.getClass().getSimpleName() + ": " + e.getMessage();
                call.forEach(r -> r.events().forEach(ev -> failed.add(new FailedEvent(ev, kind, detail))));
                continue;
            }
            for (int i = 0; i < call.size(); i++) {
                var record = call.get(i);
                var code = errors.get(i);
                if (code == null) {
                    delivered += record.events().size();
                    recordsOk++;
                    bytesOk += record.data().length;
                } else {
                    var kind = api.classify(code);
                    record.events().forEach(ev -> failed.add(new FailedEvent(ev, kind, code)));
                }
            }
        }
        return new DeliveryReport(delivered, failed, calls, recordsOk, bytesOk, callFailure);
    }

    private List<List<PackedRecord>> splitIntoCalls(List<PackedRecord> records) {
        var calls = new ArrayList<List<PackedRecord>>();
        var current = new ArrayList<PackedRecord>();
        long bytes = 0;
        for (var record : records) {
            int size = limits.partitionKeysCount() ? record.sizeWithKey() : record.data().length;
            if (!current.isEmpty()
                    && (current.size() == limits.maxRecordsPerCall() || bytes + size > limits.maxBytesPerCall())) {
                calls.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(record);
            bytes += size;
        }
        if (!current.isEmpty()) {
            calls.add(current);
        }
        return calls;
    }

    @Override
    public void close() {
        try {
            api.close();
        } catch (Exception ignored) {
            // closing an SDK client does not fail in a way the caller could act on
        }
    }
}
