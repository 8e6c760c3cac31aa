package io.ecomlog.kpl.reader;

import io.ecomlog.record.RecordCodec;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Kinesis records written by any ecomlog transport — the plain PutRecords one or the KPL one — back into event
 * JSON lines: a record may be KPL-aggregated (de-aggregated with the KCL's {@link AggregatorUtil}, which passes plain
 * records through unchanged), and each user record is NDJSON, possibly gzip ({@link RecordCodec#lines}).
 *
 * <p>For the backend (Lambda, Flink, Spark consumers): this package needs only {@code ecomlog-core} and the KCL's
 * {@code amazon-kinesis-client} — never the KPL or its native daemon. Depend on {@code ecomlog-kpl} with the
 * {@code software.amazon.kinesis:amazon-kinesis-producer} dependency excluded. Thread-safe.
 */
public final class KplRecordReader {

    private static final AggregatorUtil AGGREGATOR = new AggregatorUtil();

    private KplRecordReader() {
    }

    /** The user records in one Kinesis record's data (one, unchanged, if it is not a KPL aggregate). */
    public static List<byte[]> userRecords(byte[] recordData) {
        return userRecords(List.of(KinesisClientRecord.builder().data(ByteBuffer.wrap(recordData))
                .partitionKey("-").sequenceNumber("0").build())).stream().map(r -> bytes(r.data())).toList();
    }

    /** The user records of KCL records (de-aggregated; records that are not KPL aggregates pass unchanged). */
    public static List<KinesisClientRecord> userRecords(List<KinesisClientRecord> records) {
        return AGGREGATOR.deaggregate(records);
    }

    /** The event JSON lines (no newlines) of one Kinesis record's data: de-aggregated, gunzipped, split. */
    public static List<byte[]> lines(byte[] recordData) {
        var out = new ArrayList<byte[]>();
        for (var user : userRecords(recordData)) {
            out.addAll(RecordCodec.lines(user));
        }
        return out;
    }

    /** The event JSON lines of an SDK v2 Kinesis record (from GetRecords). */
    public static List<byte[]> lines(Record record) {
        return linesOf(List.of(KinesisClientRecord.fromRecord(record)));
    }

    /** The event JSON lines of KCL records (as a KCL record processor receives them, aggregated or not). */
    public static List<byte[]> linesOf(List<KinesisClientRecord> records) {
        var out = new ArrayList<byte[]>();
        for (var user : userRecords(records)) {
            out.addAll(RecordCodec.lines(bytes(user.data())));
        }
        return out;
    }

    private static byte[] bytes(ByteBuffer data) {
        var copy = data.duplicate();
        var out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
