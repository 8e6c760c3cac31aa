package io.ecomlog.backend.lambda.orders;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import io.ecomlog.testing.KinesisRecordData;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Lambda Kinesis events as the event source mapping builds them, from record data or from a stream's read-back. */
public final class KinesisEvents {

    private KinesisEvents() {
    }

    public static KinesisEvent of(List<byte[]> datas) {
        var records = new ArrayList<KinesisRecordData>();
        for (int i = 0; i < datas.size(); i++) {
            records.add(new KinesisRecordData("shardId-000000000000", "pk-" + i,
                    String.format("4959034219869843216800%020d", i), datas.get(i)));
        }
        return fromStream(records);
    }

    public static KinesisEvent fromStream(List<KinesisRecordData> stream) {
        var event = new KinesisEvent();
        var records = new ArrayList<KinesisEvent.KinesisEventRecord>();
        for (var r : stream) {
            var record = new KinesisEvent.Record();
            record.setData(ByteBuffer.wrap(r.data()));
            record.setPartitionKey(r.partitionKey());
            record.setSequenceNumber(r.sequenceNumber());
            record.setKinesisSchemaVersion("1.0");
            var e = new KinesisEvent.KinesisEventRecord();
            e.setKinesis(record);
            e.setEventSource("aws:kinesis");
            e.setEventName("aws:kinesis:record");
            e.setEventID(r.shardId() + ":" + r.sequenceNumber());
            e.setAwsRegion("us-east-1");
            e.setEventSourceARN("arn:aws:kinesis:us-east-1:123456789012:stream/ecomlog-events");
            records.add(e);
        }
        event.setRecords(records);
        return event;
    }

    /** The stream's records in batches of {@code size}, as the event source mapping would hand them over. */
    public static List<KinesisEvent> batches(List<KinesisRecordData> stream, int size) {
        var out = new ArrayList<KinesisEvent>();
        for (int i = 0; i < stream.size(); i += size) {
            out.add(fromStream(stream.subList(i, Math.min(stream.size(), i + size))));
        }
        return out;
    }
}
