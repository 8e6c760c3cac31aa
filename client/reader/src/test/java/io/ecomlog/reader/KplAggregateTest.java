package io.ecomlog.reader;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.Events;
import io.ecomlog.event.LogRecord;
import io.ecomlog.record.RecordCodec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Aggregates built by hand to the KPL's documented format; the KPL's own output is read in ecomlog-kpl's tests
 * (KplDestinationTest puts through the real KPL into kinesis-local and reads back with {@link RecordReader}).
 */
class KplAggregateTest {

    private final EventCodec codec = new EventCodec();
    private final RecordReader reader = new RecordReader(codec);

    @Test
    void anAggregateYieldsItsUserRecordsWithTheirPartitionKeys() throws IOException {
        byte[] aggregate = aggregate(List.of("k-a", "k-b"), List.of(
                new int[] {0}, new int[] {1}, new int[] {0}),
                List.of(bytes("one\n"), bytes("two\n"), bytes("three\n")));

        assertThat(KplAggregate.isAggregate(aggregate)).isTrue();
        assertThat(KplAggregate.userRecords(aggregate)).extracting(KplAggregate.UserRecord::partitionKey)
                .containsExactly("k-a", "k-b", "k-a");
        assertThat(RecordReader.lines(aggregate)).extracting(b -> new String(b, StandardCharsets.UTF_8))
                .containsExactly("one", "two", "three");
    }

    @Test
    void plainAndGzipRecordsAndAggregatesOfGzipRecordsAllReadTheSame() throws IOException {
        var events = List.of(event("a"), event("b"), event("c"));
        var lines = new ArrayList<byte[]>();
        for (var e : events) {
            lines.add(codec.encode(e));
        }
        byte[] plain = join(lines);
        byte[] gzip = RecordCodec.gzip(plain);
        byte[] aggregate = aggregate(List.of("p"), List.of(new int[] {0}, new int[] {0}),
                List.of(RecordCodec.gzip(join(lines.subList(0, 2))), join(lines.subList(2, 3))));

        for (byte[] data : List.of(plain, gzip, aggregate)) {
            var read = reader.read(data);
            assertThat(read.rejected()).isEmpty();
            assertThat(read.events()).containsExactlyElementsOf(events);
        }
    }

    @Test
    void aChecksumMismatchMeansNotAnAggregateAndTheDataPassesThrough() throws IOException {
        byte[] aggregate = aggregate(List.of("k"), List.of(new int[] {0}), List.of(bytes("x\n")));
        aggregate[aggregate.length - 1] ^= 1;

        assertThat(KplAggregate.isAggregate(aggregate)).isFalse();
        assertThat(KplAggregate.userRecords(aggregate)).singleElement()
                .satisfies(u -> assertThat(u.data()).isEqualTo(aggregate));
    }

    @Test
    void aBrokenMessageBehindAValidChecksumIsRejectedNotThrownByTheReader() {
        byte[] body = {0x1a, 0x7f, 0x01}; // field 3, length 127, one byte: truncated
        byte[] data = withMagicAndDigest(body);

        assertThatThrownBy(() -> KplAggregate.userRecords(data)).isInstanceOf(MalformedRecordException.class);
        var read = reader.read(data);
        assertThat(read.events()).isEmpty();
        assertThat(read.rejected()).singleElement().extracting(Rejection::reason)
                .isEqualTo(RecordReader.BROKEN_AGGREGATE);
    }

    @Test
    void aBadLineIsRejectedByReasonAndTheGoodLinesBesideItAreKept() {
        byte[] good1 = codec.encode(event("1"));
        byte[] good2 = codec.encode(event("2"));
        byte[] data = join(List.of(good1, bytes("{not json"), bytes("{\"event_type\":\"teleported\"}"),
                bytes("{\"level\":\"INFO\"}"), bytes("{\"event_type\":\"order_completed\"}"), good2));

        var read = reader.read(RecordCodec.gzip(data));

        assertThat(read.events()).extracting(e -> ((LogRecord) e.payload()).message()).containsExactly("1", "2");
        assertThat(read.rejected()).extracting(Rejection::reason)
                .containsExactly("not JSON", "unknown event type", "not an ecomlog event", "invalid event");
    }

    @Test
    void aTruncatedGzipRecordIsRejectedAndOtherUserRecordsOfTheAggregateAreKept() throws IOException {
        byte[] gzip = RecordCodec.gzip(codec.encode(event("lost")));
        byte[] truncated = java.util.Arrays.copyOf(gzip, gzip.length - 6);
        byte[] aggregate = aggregate(List.of("p"), List.of(new int[] {0}, new int[] {0}),
                List.of(truncated, join(List.of(codec.encode(event("kept"))))));

        var read = reader.read(aggregate);

        assertThat(read.events()).extracting(e -> ((LogRecord) e.payload()).message()).containsExactly("kept");
        assertThat(read.rejected()).extracting(Rejection::reason).containsExactly(RecordReader.BROKEN_GZIP);
    }

    @Test
    void theEncoderWritesWhatTheDocumentedFormatSays() throws IOException {
        var records = List.of(new KplAggregate.UserRecord("k-a", bytes("one\n")),
                new KplAggregate.UserRecord("k-b", bytes("two\n")), new KplAggregate.UserRecord("k-a", bytes("3\n")));

        byte[] encoded = KplAggregate.aggregate(records);

        assertThat(encoded).isEqualTo(aggregate(List.of("k-a", "k-b"), List.of(new int[] {0}, new int[] {1},
                new int[] {0}), List.of(bytes("one\n"), bytes("two\n"), bytes("3\n"))));
        assertThat(KplAggregate.userRecords(encoded)).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(records);
    }

    @Test
    void linesOfAnAggregateWithABrokenUserRecordKeepTheOthersAndNameTheBrokenOne() {
        byte[] gzip = RecordCodec.gzip(bytes("lost\n"));
        byte[] aggregate = KplAggregate.aggregate(List.of(
                new KplAggregate.UserRecord("p", java.util.Arrays.copyOf(gzip, gzip.length - 6)),
                new KplAggregate.UserRecord("p", bytes("kept\n"))));
        var rejected = new ArrayList<Rejection>();

        var lines = RecordReader.lines(aggregate, rejected);

        assertThat(lines).extracting(b -> new String(b, StandardCharsets.UTF_8)).containsExactly("kept");
        assertThat(rejected).extracting(Rejection::reason).containsExactly(RecordReader.BROKEN_GZIP);
    }

    @Test
    void theReaderNeverLoadsTheKplOrTheKcl() {
        assertThat(isOnClasspath("software.amazon.kinesis.producer.KinesisProducer")).isFalse();
        assertThat(isOnClasspath("software.amazon.kinesis.retrieval.AggregatorUtil")).isFalse();
    }

    // ---- helpers: an aggregate as the KPL writes it ----

    static byte[] aggregate(List<String> keys, List<int[]> keyIndexes, List<byte[]> datas) throws IOException {
        var body = new ByteArrayOutputStream();
        var out = CodedOutputStream.newInstance(body);
        for (String key : keys) {
            out.writeString(1, key);
        }
        for (int i = 0; i < datas.size(); i++) {
            var record = new ByteArrayOutputStream();
            var r = CodedOutputStream.newInstance(record);
            r.writeUInt64(1, keyIndexes.get(i)[0]);
            r.writeBytes(3, ByteString.copyFrom(datas.get(i)));
            r.flush();
            out.writeByteArray(3, record.toByteArray());
        }
        out.flush();
        return withMagicAndDigest(body.toByteArray());
    }

    static byte[] withMagicAndDigest(byte[] body) {
        var all = new ByteArrayOutputStream();
        all.writeBytes(KplAggregate.MAGIC);
        all.writeBytes(body);
        all.writeBytes(KplAggregate.md5(body, 0, body.length));
        return all.toByteArray();
    }

    private static io.ecomlog.event.EcomEvent event(String message) {
        return Events.log(LogRecord.builder("INFO", message).build()).build();
    }

    private static byte[] join(List<byte[]> lines) {
        var out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.writeBytes(line);
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isOnClasspath(String className) {
        try {
            Class.forName(className, false, KplAggregateTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
