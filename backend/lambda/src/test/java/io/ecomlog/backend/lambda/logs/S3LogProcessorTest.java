package io.ecomlog.backend.lambda.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.access.AccessLogParser;
import io.ecomlog.backend.aws.S3ObjectRef;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.deployment.ConfigException;
import io.ecomlog.deployment.EnvConfig;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import io.ecomlog.event.Events;
import io.ecomlog.event.LogRecord;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.testing.SampleData;
import io.ecomlog.testing.SharedS3;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** The S3 log processor against S3Mock, with real-shaped S3 and EventBridge notifications. */
class S3LogProcessorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SharedS3 s3 = SharedS3.shared();
    private final EventCodec codec = new EventCodec();
    private final String uploads = s3.uniqueBucketName("uploads");
    private final String processed = s3.uniqueBucketName("processed");
    private final S3LogProcessor processor;

    S3LogProcessorTest() {
        s3.createBucket(uploads);
        s3.createBucket(processed);
        processor = new S3LogProcessor(new EnvConfig(Map.of("PROCESSED_BUCKET", processed)), s3.client());
    }

    @Test
    void everyLineOfTheApacheSampleGzippedLandsInHourPartitions() throws IOException {
        byte[] log = Files.readAllBytes(SampleData.file(SampleData.APACHE));
        String key = "uploads/web+01/access_log.2015-05-17.gz"; // a space in the key, '+' in the notification
        put("uploads/web 01/access_log.2015-05-17.gz", RecordCodec.gzip(log));

        var summary = invoke("events/s3-object-created.json", key).get(0);

        assertThat(summary.lines()).isEqualTo(5000);
        assertThat(summary.events()).isEqualTo(5000);
        assertThat(summary.rejected()).isZero();
        assertThat(summary.quarantineKey()).isNull();
        var events = processedEvents();
        assertThat(events).hasSize(5000).allSatisfy(e -> assertThat(e.eventType()).isEqualTo(EventType.HTTP_ACCESS));
        assertThat(summary.outputKeys()).allSatisfy(k -> assertThat(k).startsWith("processed/event_type=http_access/"
                + "year=2015/month=05/day=")).hasSizeGreaterThan(24); // 17-20 May 2015, one part per hour
        assertThat(events.stream().filter(e -> "server_error".equals(e.properties().get("error")))).hasSize(2);
    }

    @Test
    void aRerunOverwritesTheSameKeysInsteadOfDuplicating() throws IOException {
        put("logs/a.log", lines(
                "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET /p/1 HTTP/1.1\" 200 1 \"-\" \"-\"",
                "1.2.3.4 - - [17/May/2015:11:05:03 +0000] \"GET /p/2 HTTP/1.1\" 200 1 \"-\" \"-\""));
        var ref = new S3ObjectRef(uploads, "logs/a.log", -1, "etag-1");

        var first = processor.process(ref);
        var second = processor.process(ref);

        assertThat(second.outputKeys()).containsExactlyInAnyOrderElementsOf(first.outputKeys());
        assertThat(processedEvents()).hasSize(2);
    }

    @Test
    void mixedContentIsSortedAndBadLinesAreQuarantinedWithTheirReason() throws IOException {
        EcomEvent typed = Events.log(LogRecord.builder("INFO", "from the client").build()).build();
        put("uploads/app/orders service.log", lines(
                new String(codec.encode(typed), StandardCharsets.UTF_8),
                "{\"@timestamp\":\"2026-12-02T14:00:00.123+01:00\",\"level\":\"WARN\",\"logger_name\":\"shop.Cart\","
                        + "\"message\":\"cart almost full\",\"user_id\":\"u-7\",\"cart_size\":49}",
                "{\"timestamp\":\"2026-12-02T13:00:01Z\",\"level\":\"ERROR\",\"message\":\"payment failed\","
                        + "\"stack_trace\":\"java.lang.IllegalStateException: declined\\n\\tat shop.Pay.run(Pay.java:9)\"}",
                "1.2.3.4 - - [02/Dec/2026:14:00:00 +0100] \"GET /search?q=lamp HTTP/1.1\" 200 10 \"-\" \"-\"",
                "{\"event_type\":\"teleported\",\"event_id\":\"x\"}",
                "{\"event_type\":\"order_completed\"}",
                "{not json",
                "{\"level\":\"INFO\"}",
                "plain text that is no access log",
                "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"-\" 408 - \"-\" \"-\""));

        var summary = invoke("events/eventbridge-object-created.json", "uploads/app/orders service.log").get(0);

        assertThat(summary.eventsByType()).containsOnly(entry("log", 2L), entry("app_error", 1L),
                entry("http_access", 1L));
        assertThat(summary.rejectedByReason()).containsOnly(entry("unknown event type", 1L),
                entry("invalid event", 1L), entry("not JSON", 1L), entry("JSON without a message", 1L),
                entry(AccessLogParser.NOT_IN_FORMAT, 1L), entry(AccessLogParser.NO_REQUEST_LINE, 1L));
        assertThat(processedEvents()).contains(typed);
        var warn = processedEvents().stream().filter(e -> "u-7".equals(e.userId())).findFirst().orElseThrow();
        assertThat(((LogRecord) warn.payload()).level()).isEqualTo("WARN");
        assertThat(warn.properties()).containsEntry("cart_size", 49L);
        var error = processedEvents().stream().filter(e -> e.eventType() == EventType.APP_ERROR).findFirst()
                .orElseThrow();
        assertThat(((io.ecomlog.event.AppError) error.payload()).errorClass())
                .isEqualTo("java.lang.IllegalStateException");

        var quarantined = quarantine(summary.quarantineKey());
        assertThat(quarantined).hasSize(6);
        assertThat(quarantined.get(0).get("reason").asText()).isEqualTo("unknown event type");
        assertThat(quarantined.get(0).get("line").asLong()).isEqualTo(5);
        assertThat(quarantined.get(0).get("source").asText()).isEqualTo("s3://" + uploads
                + "/uploads/app/orders service.log");
    }

    @Test
    void aTruncatedGzipKeepsWhatCameBeforeTheBreakAndSaysSo() throws IOException {
        var log = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            log.append("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET /p/").append(i).append(" HTTP/1.1\" 200 1\n");
        }
        byte[] gz = RecordCodec.gzip(log.toString().getBytes(StandardCharsets.UTF_8));
        put("logs/cut.gz", Arrays.copyOf(gz, gz.length * 2 / 3));

        var summary = processor.process(new S3ObjectRef(uploads, "logs/cut.gz", -1, null));

        assertThat(summary.rejectedByReason()).containsKey("broken gzip");
        assertThat(summary.events()).isPositive().isLessThan(3000);
        assertThat(processedEvents()).hasSize((int) summary.events());
    }

    @Test
    void hugeLinesInvalidUtf8AndCrlfInjectionAreCountedNotFatal() throws IOException {
        var out = new ByteArrayOutputStream();
        out.writeBytes("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET /ok HTTP/1.1\" 200 1\r\n"
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes("x".repeat(3 << 20).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, '{', 0, 1, '\n'});
        out.writeBytes(("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET /inj\r\n1.2.3.4 - admin [17/May/2015:10:05:03"
                + " +0000] \"GET /admin HTTP/1.1\" 200 1\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes("{\"a\":".repeat(2000).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        out.writeBytes("1.2.3.4 - - [17/May/2015:10:05:04 +0000] \"GET /ok2 HTTP/1.1\" 200 1\n"
                .getBytes(StandardCharsets.UTF_8));
        put("logs/hostile.log", out.toByteArray());

        var summary = processor.process(new S3ObjectRef(uploads, "logs/hostile.log", -1, null));

        assertThat(processedEvents()).extracting(e -> ((io.ecomlog.event.HttpAccess) e.payload()).path())
                .containsExactlyInAnyOrder("/ok", "/admin", "/ok2");
        assertThat(summary.rejectedByReason()).containsKeys("line longer than 1048576 bytes", "not JSON");
        assertThat(summary.rejected()).isEqualTo(summary.lines() - 3);
    }

    @Test
    void itsOwnOutputIsSkippedSoATriggerOnTheWholeBucketCannotLoop() throws IOException {
        var summary = processor.process(new S3ObjectRef(processed, "processed/event_type=log/x.ndjson.gz", -1, null));
        assertThat(summary.skipped()).isTrue();
    }

    @Test
    void configurationIsCheckedAtColdStart() {
        assertThatThrownBy(() -> new S3LogProcessor(new EnvConfig(Map.of()), s3.client()))
                .isInstanceOf(ConfigException.class).hasMessage("PROCESSED_BUCKET must be set");
        assertThatThrownBy(() -> new S3LogProcessor(new EnvConfig(Map.of("PROCESSED_BUCKET", "b",
                "MAX_OPEN_PARTS", "0")), s3.client())).hasMessageContaining("MAX_OPEN_PARTS");
    }

    // ---- helpers ----

    private List<S3LogProcessor.Summary> invoke(String fixture, String key) throws IOException {
        String json;
        try (var in = getClass().getClassLoader().getResourceAsStream(fixture)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("BUCKET", uploads);
        }
        assertThat(json).contains(key);
        var out = new ByteArrayOutputStream();
        processor.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, null);
        JsonNode answer = JSON.readTree(out.toByteArray());
        var summaries = new ArrayList<S3LogProcessor.Summary>();
        for (JsonNode o : answer.get("objects")) {
            summaries.add(JSON.treeToValue(o, S3LogProcessor.Summary.class));
        }
        return summaries;
    }

    private void put(String key, byte[] data) {
        s3.client().putObject(b -> b.bucket(uploads).key(key), RequestBody.fromBytes(data));
    }

    private List<EcomEvent> processedEvents() {
        var events = new ArrayList<EcomEvent>();
        s3.readAll(processed, "processed/").values()
                .forEach(object -> RecordCodec.lines(object).forEach(l -> events.add(codec.decode(l))));
        return events;
    }

    private List<JsonNode> quarantine(String key) throws IOException {
        assertThat(key).isNotNull();
        var lines = new ArrayList<JsonNode>();
        for (byte[] line : RecordCodec.lines(s3.readAll(processed, key).get(key))) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static byte[] lines(String... lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
