package io.ecomlog.backend.lambda.firehose;

import com.amazonaws.services.lambda.runtime.events.KinesisAnalyticsInputPreprocessingResponse.Result;
import com.amazonaws.services.lambda.runtime.events.KinesisAnalyticsInputPreprocessingResponse;
import com.amazonaws.services.lambda.runtime.events.KinesisFirehoseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.deployment.ConfigException;
import io.ecomlog.deployment.EnvConfig;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.HttpAccess;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.testing.SampleData;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class FirehoseLogTransformerTest {

    private final EventCodec codec = new EventCodec();
    private final FirehoseLogTransformer ndjson = new FirehoseLogTransformer(new EnvConfig(Map.of()));

    @Test
    void aRealShapedBatchGzipMultiLineAndJunk() {
        var input = EventLoader.loadKinesisFirehoseEvent("events/firehose-apache-logs.json");

        var output = ndjson.handleRequest(input, null).getRecords();

        assertThat(output).extracting(KinesisAnalyticsInputPreprocessingResponse.Record::getRecordId)
                .containsExactlyElementsOf(input.getRecords().stream().map(KinesisFirehoseEvent.Record::getRecordId)
                        .toList());
        assertThat(output).extracting(KinesisAnalyticsInputPreprocessingResponse.Record::getResult)
                .containsExactly(Result.Ok, Result.Ok, Result.ProcessingFailed, Result.Ok);
        assertThat(events(output.get(0))).singleElement()
                .satisfies(e -> assertThat(access(e).path()).startsWith("/presentations/"));
        // gzip record: two good lines kept around the junk line
        var gz = events(output.get(1));
        assertThat(gz).extracting(e -> access(e).status()).containsExactly(201, 502);
        assertThat(gz.get(0).userId()).isEqualTo("bob");
        assertThat(gz.get(0).client().ip()).isEqualTo("2001:db8::7");
        assertThat(gz.get(0).properties()).containsEntry("action", "cart").containsEntry("product_id", "B0042");
        assertThat(gz.get(1).properties()).containsEntry("error", "server_error");
        // junk only: failed; Firehose writes the original record to its error output
        assertThat(output.get(2).getData().remaining()).isZero();
        // CRLF multi-line record: one JSON line per input line
        assertThat(events(output.get(3))).hasSize(2);
    }

    @Test
    void everyLineOfTheApacheSampleAndTheSameIdsOnARetry() throws IOException {
        var lines = Files.readAllLines(SampleData.file(SampleData.APACHE), StandardCharsets.UTF_8);
        var input = firehoseEvent(lines.stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toList());

        var first = ndjson.handleRequest(input, null).getRecords();
        var again = ndjson.handleRequest(input, null).getRecords();

        assertThat(first).hasSize(5000).allSatisfy(r -> assertThat(r.getResult()).isEqualTo(Result.Ok));
        var events = first.stream().flatMap(r -> events(r).stream()).toList();
        assertThat(events).hasSize(5000);
        Map<Integer, Long> byStatus = events.stream()
                .collect(Collectors.groupingBy(e -> access(e).status(), Collectors.counting()));
        assertThat(byStatus).containsOnly(entry(200, 4450L), entry(304, 305L), entry(301, 113L),
                entry(404, 108L), entry(206, 21L), entry(500, 2L), entry(403, 1L));
        assertThat(again.stream().flatMap(r -> events(r).stream()).map(EcomEvent::eventId).toList())
                .containsExactlyElementsOf(events.stream().map(EcomEvent::eventId).toList());
        assertThat(events.stream().map(EcomEvent::eventId).distinct()).hasSize(5000);
    }

    @Test
    void recordsPastTheResponseLimitFailInsteadOfBeingCut() {
        // 90 records of 600 lines each expand to about 9 MB of JSON: more than one response holds
        var line = "83.149.9.216 - - [17/May/2015:10:05:03 +0000] \"GET /a HTTP/1.1\" 200 1 \"-\" \"agent\"\n";
        byte[] big = line.repeat(600).getBytes(StandardCharsets.UTF_8);
        var records = new ArrayList<byte[]>();
        for (int i = 0; i < 90; i++) {
            records.add(big);
        }

        var output = ndjson.handleRequest(firehoseEvent(records), null).getRecords();

        long ok = output.stream().filter(r -> r.getResult() == Result.Ok).count();
        long failed = output.stream().filter(r -> r.getResult() == Result.ProcessingFailed).count();
        assertThat(ok).isPositive();
        assertThat(failed).isPositive();
        assertThat(ok + failed).isEqualTo(90);
        long base64 = output.stream().mapToLong(r -> (r.getData().remaining() + 2L) / 3 * 4).sum();
        assertThat(base64).isLessThan(FirehoseLogTransformer.MAX_RESPONSE_BYTES);
        // the failed ones are not cut: Firehose writes their original records to its error prefix
        output.stream().filter(r -> r.getResult() == Result.ProcessingFailed)
                .forEach(r -> assertThat(r.getData().remaining()).isZero());
        output.stream().filter(r -> r.getResult() == Result.Ok)
                .forEach(r -> assertThat(events(r)).hasSize(600));
    }

    @Test
    void documentOutputIsOneJsonPerRecordAndMultiLineRecordsFail() {
        var document = new FirehoseLogTransformer(new EnvConfig(Map.of("OUTPUT_FORMAT", "document")));
        var input = EventLoader.loadKinesisFirehoseEvent("events/firehose-apache-logs.json");

        var output = document.handleRequest(input, null).getRecords();

        assertThat(output).extracting(KinesisAnalyticsInputPreprocessingResponse.Record::getResult)
                .containsExactly(Result.Ok, Result.ProcessingFailed, Result.ProcessingFailed, Result.ProcessingFailed);
        byte[] json = bytes(output.get(0).getData());
        assertThat(json[json.length - 1]).isEqualTo((byte) '}');
        assertThat(codec.decode(json).eventType().wireName()).isEqualTo("http_access");
    }

    @Test
    void aBadSettingNamesTheVariable() {
        assertThatThrownBy(() -> new FirehoseLogTransformer(new EnvConfig(Map.of("OUTPUT_FORMAT", "xml"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("OUTPUT_FORMAT");
        assertThatThrownBy(() -> new FirehoseLogTransformer(new EnvConfig(Map.of("MAX_LINE_BYTES", "ten"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("MAX_LINE_BYTES");
    }

    /** Whatever the bytes — invalid UTF-8, CRLF injection, truncated gzip — every record gets an answer. */
    @Property(tries = 150)
    void neverThrowsAndAGoodRecordBesideABadOneIsKept(@ForAll @Size(max = 2000) byte[] junk,
                                                      @ForAll boolean gzipTruncated) {
        byte[] bad = gzipTruncated ? truncatedGzip(junk) : junk;
        byte[] good = ("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET /x HTTP/1.1\" 200 1\r\n"
                + "injected\r\n1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET /y HTTP/1.1\" 200 1")
                .getBytes(StandardCharsets.UTF_8);

        var output = ndjson.handleRequest(firehoseEvent(List.of(bad, good)), null).getRecords();

        assertThat(output).hasSize(2);
        assertThat(output.get(1).getResult()).isEqualTo(Result.Ok);
        assertThat(events(output.get(1))).extracting(e -> access(e).path()).containsExactly("/x", "/y");
    }

    // ---- helpers ----

    static KinesisFirehoseEvent firehoseEvent(List<byte[]> datas) {
        var event = new KinesisFirehoseEvent();
        event.setInvocationId("test");
        event.setDeliveryStreamArn("arn:aws:firehose:us-east-1:123456789012:deliverystream/ecomlog-logs");
        event.setRegion("us-east-1");
        var records = new ArrayList<KinesisFirehoseEvent.Record>();
        for (int i = 0; i < datas.size(); i++) {
            var r = new KinesisFirehoseEvent.Record();
            r.setRecordId("record-" + i);
            r.setData(ByteBuffer.wrap(datas.get(i)));
            records.add(r);
        }
        event.setRecords(records);
        return event;
    }

    private List<EcomEvent> events(KinesisAnalyticsInputPreprocessingResponse.Record record) {
        return RecordCodec.lines(bytes(record.getData())).stream().map(codec::decode).toList();
    }

    private static byte[] bytes(ByteBuffer data) {
        var copy = data.duplicate();
        var out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }

    private static byte[] truncatedGzip(byte[] content) {
        byte[] gz = RecordCodec.gzip(content);
        return java.util.Arrays.copyOf(gz, Math.max(2, gz.length / 2));
    }

    private static HttpAccess access(EcomEvent e) {
        return (HttpAccess) e.payload();
    }
}
