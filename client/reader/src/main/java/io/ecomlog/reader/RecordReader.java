package io.ecomlog.reader;

import io.ecomlog.codec.EventCodec;
import io.ecomlog.codec.MalformedEventException;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.record.RecordCodec;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one reader of what the client writes to a stream: a Kinesis or Firehose record's data is a KPL aggregate or
 * not ({@link KplAggregate}), each user record is NDJSON, plain or gzip ({@link RecordCodec}), each line one event
 * ({@link EventCodec}). Every backend consumer (Lambda, Flink, Spark) reads through here; objects (S3, the local
 * lake) are streamed by {@link ObjectLines}.
 *
 * <p>Reading never throws for bad content: a line that is not an event, or a record that cannot be opened, comes
 * back as a {@link Rejection} with a reason to count, and the good lines next to it are kept. Thread-safe.
 */
public final class RecordReader {

    /** Reason for a record starting with the gzip magic bytes that does not inflate. */
    public static final String BROKEN_GZIP = "broken gzip";
    /** Reason for a KPL aggregate whose checksum matches but whose message does not parse. */
    public static final String BROKEN_AGGREGATE = "broken KPL aggregate";

    private final EventCodec codec;

    public RecordReader(EventCodec codec) {
        this.codec = codec;
    }

    /** What one record held: its events, in order, and what could not be read, by reason. */
    public record Read(List<EcomEvent> events, List<Rejection> rejected) {
    }

    /**
     * The JSON lines (no newlines) of one record's data: de-aggregated, gunzipped, split; blank lines skipped.
     *
     * @throws MalformedRecordException when the data (or a user record in it) is broken gzip or a broken aggregate
     */
    public static List<byte[]> lines(byte[] recordData) {
        var lines = new ArrayList<byte[]>();
        for (var user : KplAggregate.userRecords(recordData)) {
            lines.addAll(userRecordLines(user.data()));
        }
        return lines;
    }

    /** The events of one record's data, with the lines and user records that are not events as rejections. */
    public Read read(byte[] recordData) {
        var events = new ArrayList<EcomEvent>();
        var rejected = new ArrayList<Rejection>();
        for (byte[] line : lines(recordData, rejected)) {
            decode(line, events, rejected);
        }
        return new Read(events, rejected);
    }

    /**
     * The JSON lines of one record's data, for a consumer that reads more than events from them (the alerter reads
     * alerts too): a broken aggregate, or a user record that is broken gzip, is added to {@code rejected} and the
     * other user records' lines are kept.
     */
    public static List<byte[]> lines(byte[] recordData, List<Rejection> rejected) {
        var lines = new ArrayList<byte[]>();
        List<KplAggregate.UserRecord> users;
        try {
            users = KplAggregate.userRecords(recordData);
        } catch (MalformedRecordException e) {
            rejected.add(Rejection.of(BROKEN_AGGREGATE, e.getMessage(), recordData));
            return lines;
        }
        for (var user : users) {
            try {
                lines.addAll(userRecordLines(user.data()));
            } catch (MalformedRecordException e) {
                rejected.add(Rejection.of(BROKEN_GZIP, e.getMessage(), user.data()));
            }
        }
        return lines;
    }

    /** Decodes one line into {@code events}, or adds its rejection. */
    public void decode(byte[] line, List<EcomEvent> events, List<Rejection> rejected) {
        try {
            events.add(codec.decode(line));
        } catch (MalformedEventException e) {
            rejected.add(Rejection.of(e.reason().label(), e.getMessage(), line));
        }
    }

    private static List<byte[]> userRecordLines(byte[] data) {
        try {
            return RecordCodec.lines(data);
        } catch (UncheckedIOException e) {
            throw new MalformedRecordException("starts with the gzip magic bytes but does not inflate: "
                    + e.getCause().getMessage(), e);
        }
    }
}
