package io.ecomlog.kpl;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.reader.RecordReader;
import io.ecomlog.record.EncodedEvent;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.testing.KinesisLocal;
import io.ecomlog.testing.KinesisRecordData;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** KPL settings for kinesis-local's HTTPS port, and event lines with known ids. */
final class KplTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KplTestSupport() {
    }

    /** Everything on 127.0.0.1: Kinesis on kinesis-local's TLS port, CloudWatch and STS too, no metrics. */
    static KplSettings.Builder localSettings(KinesisLocal kinesis, String stream) {
        return KplSettings.builder(stream)
                .kinesisEndpoint("127.0.0.1", kinesis.tlsPort())
                .cloudwatchEndpoint("127.0.0.1", kinesis.tlsPort())
                .stsEndpoint("127.0.0.1", kinesis.tlsPort())
                .verifyCertificate(false)
                .metricsLevel("none")
                .logLevel("warning")
                .region("us-east-1")
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .recordMaxBufferedTime(Duration.ofMillis(50));
    }

    static String id(int i) {
        return String.format("00000000-0000-7000-8000-%012d", i);
    }

    /** A ~300-byte product_viewed line with id {@link #id(int)}. */
    static byte[] line(int i) {
        var json = "{\"event_id\":\"" + id(i) + "\",\"event_type\":\"product_viewed\",\"schema_version\":1,"
                + "\"event_time\":\"2026-11-22T10:15:30.123Z\",\"session_id\":\"s-" + (i % 50) + "\","
                + "\"user_id\":\"u-" + (i % 20) + "\",\"product_id\":\"p-" + i + "\",\"name\":\"Smartphone X\","
                + "\"brand\":\"acme\",\"category\":\"electronics/smartphone\",\"price\":\"199.99\","
                + "\"currency\":\"EUR\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static EncodedEvent event(int i, String partitionKey) {
        return new EncodedEvent(id(i), "product_viewed", Instant.parse("2026-11-22T10:15:30.123Z"), partitionKey,
                line(i), System.nanoTime());
    }

    static List<EncodedEvent> events(int from, int to, int keys) {
        var out = new ArrayList<EncodedEvent>();
        for (int i = from; i < to; i++) {
            out.add(event(i, "k-" + (i % keys)));
        }
        return out;
    }

    static List<String> ids(int from, int to) {
        var ids = new ArrayList<String>();
        for (int i = from; i < to; i++) {
            ids.add(id(i));
        }
        return ids;
    }

    /** Event ids in raw Kinesis records, through the shared reader (de-aggregation, gzip, NDJSON). */
    static List<String> idsInStream(List<KinesisRecordData> records) {
        var ids = new ArrayList<String>();
        for (var record : records) {
            for (var line : RecordReader.lines(record.data())) {
                ids.add(idOf(line));
            }
        }
        return ids;
    }

    /** Event ids in plain or gzip NDJSON objects (S3 backup). */
    static List<String> idsInObjects(Collection<byte[]> objects) {
        var ids = new ArrayList<String>();
        for (var object : objects) {
            for (var line : RecordCodec.lines(object)) {
                ids.add(idOf(line));
            }
        }
        return ids;
    }

    static String idOf(byte[] line) {
        try {
            return JSON.readTree(line).path("event_id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The KPL daemons that are children of this JVM. */
    static List<ProcessHandle> daemons() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("kinesis_producer")).orElse(false))
                .toList();
    }
}
