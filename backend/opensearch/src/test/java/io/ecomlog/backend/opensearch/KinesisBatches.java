package io.ecomlog.backend.opensearch;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import io.ecomlog.reader.KplAggregate;
import io.ecomlog.record.RecordCodec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Kinesis events as Lambda delivers them, built from record payloads; sequence numbers count from 1. */
final class KinesisBatches {

    private final List<byte[]> records = new ArrayList<>();

    /** A record of these NDJSON lines, gzipped as the client writes them. */
    KinesisBatches gzipRecord(List<byte[]> lines) {
        records.add(RecordCodec.gzip(join(lines)));
        return this;
    }

    /** A record of these NDJSON lines, plain. */
    KinesisBatches plainRecord(List<byte[]> lines) {
        records.add(join(lines));
        return this;
    }

    /** A KPL aggregate of two user records: the first half of the lines gzipped, the second plain. */
    KinesisBatches kplRecord(List<byte[]> lines) {
        int half = lines.size() / 2;
        records.add(KplAggregate.aggregate(List.of(
                new KplAggregate.UserRecord("pk-a", RecordCodec.gzip(join(lines.subList(0, half)))),
                new KplAggregate.UserRecord("pk-b", join(lines.subList(half, lines.size()))))));
        return this;
    }

    KinesisBatches raw(String data) {
        records.add(data.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    KinesisBatches raw(byte[] data) {
        records.add(data);
        return this;
    }

    /** The events in records of {@code perRecord} lines: gzip, plain and KPL aggregates in turn, as clients write. */
    static KinesisBatches of(List<byte[]> lines, int perRecord) {
        var batches = new KinesisBatches();
        for (int i = 0; i < lines.size(); i += perRecord) {
            var chunk = lines.subList(i, Math.min(lines.size(), i + perRecord));
            switch (i / perRecord % 3) {
                case 0 -> batches.gzipRecord(chunk);
                case 1 -> batches.plainRecord(chunk);
                default -> batches.kplRecord(chunk);
            }
        }
        return batches;
    }

    static String sequence(int n) {
        return String.format("%056d", n);
    }

    KinesisEvent event() {
        var event = new KinesisEvent();
        var list = new ArrayList<KinesisEvent.KinesisEventRecord>();
        for (int i = 0; i < records.size(); i++) {
            var record = new KinesisEvent.Record();
            record.setData(ByteBuffer.wrap(records.get(i)));
            record.setSequenceNumber(sequence(i + 1));
            record.setPartitionKey("pk-" + i);
            record.setKinesisSchemaVersion("1.0");
            var eventRecord = new KinesisEvent.KinesisEventRecord();
            eventRecord.setKinesis(record);
            eventRecord.setEventSource("aws:kinesis");
            eventRecord.setEventName("aws:kinesis:record");
            eventRecord.setEventID("shardId-000000000000:" + sequence(i + 1));
            eventRecord.setAwsRegion("us-east-1");
            list.add(eventRecord);
        }
        event.setRecords(list);
        return event;
    }

    private static byte[] join(List<byte[]> lines) {
        var out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.writeBytes(line);
            out.write('\n');
        }
        return out.toByteArray();
    }
}
