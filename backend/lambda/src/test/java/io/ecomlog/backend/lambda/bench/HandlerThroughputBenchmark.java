package io.ecomlog.backend.lambda.bench;

import com.amazonaws.services.lambda.runtime.events.KinesisFirehoseEvent;
import io.ecomlog.backend.aws.S3ObjectRef;
import io.ecomlog.backend.lambda.firehose.FirehoseLogTransformer;
import io.ecomlog.backend.lambda.logs.S3LogProcessor;
import io.ecomlog.backend.lambda.orders.KinesisEvents;
import io.ecomlog.backend.lambda.orders.OrderHistoryHandler;
import io.ecomlog.backend.order.OrderHistoryStore;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.deployment.EnvConfig;
import io.ecomlog.publicdata.OnlineRetailParser;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.testing.Dynalite;
import io.ecomlog.testing.LocalAws;
import io.ecomlog.testing.SampleData;
import io.ecomlog.testing.SharedS3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Figures for docs/benchmarks.md, not a test of speed (nothing here fails on a slow machine): records or lines per second
 * through each handler in-process on one thread, the deployment jar's size, and a handler's cold start in a fresh
 * JVM. Off by default; run after the shaded jar is built with
 * {@code ./mvnw -pl backend/lambda -am verify -DskipBenchmarks=false -DskipTests=false -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "ecomlog.benchmark", matches = "true")
class HandlerThroughputBenchmark {

    private static final int ROUNDS = 5;
    private static final int WARM_UP_ROUNDS = 5;

    @Test
    void firehoseTransformation() throws IOException {
        var sample = Files.readAllLines(SampleData.file(SampleData.APACHE), StandardCharsets.UTF_8);
        var lines = new ArrayList<String>();
        for (int i = 0; i < 4; i++) {
            lines.addAll(sample); // 20,000 lines a round
        }
        var handler = new FirehoseLogTransformer(new EnvConfig(Map.of()));
        var batches = new ArrayList<KinesisFirehoseEvent>();
        for (int i = 0; i < lines.size(); i += 500) { // batches of 500 records
            var event = new KinesisFirehoseEvent();
            var records = new ArrayList<KinesisFirehoseEvent.Record>();
            for (String line : lines.subList(i, Math.min(lines.size(), i + 500))) {
                var r = new KinesisFirehoseEvent.Record();
                r.setRecordId("r-" + records.size());
                r.setData(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
                records.add(r);
            }
            event.setRecords(records);
            batches.add(event);
        }
        measure("Firehose transformation, one thread", "lines", lines.size(), () -> batches.forEach(b -> handler.handleRequest(b,
                null)));
    }

    @Test
    void s3LogProcessor() throws IOException {
        var s3 = SharedS3.shared();
        String uploads = s3.uniqueBucketName("bench");
        String processed = s3.uniqueBucketName("bench-out");
        s3.createBucket(uploads);
        s3.createBucket(processed);
        // an hour of access log, as hourly rotation uploads it: the sample's lines with their hour set to 10:00
        var sample = Files.readAllLines(SampleData.file(SampleData.APACHE), StandardCharsets.UTF_8);
        var object = new ByteArrayOutputStream();
        for (int i = 0; i < 20; i++) {
            for (String line : sample) {
                object.writeBytes((line.replaceFirst(":\\d\\d:(\\d\\d:\\d\\d) ", ":10:$1 ") + "\n")
                        .getBytes(StandardCharsets.UTF_8)); // 100,000 lines, 23 MB
            }
        }
        s3.client().putObject(b -> b.bucket(uploads).key("access.log"), RequestBody.fromBytes(object.toByteArray()));
        // S3Mock runs in this JVM: without chunked uploads and checksums its side of each PUT stops dominating the
        // profile (it decodes aws-chunked bodies byte by byte); against S3 that work is not the function's
        var client = s3.newClient(b -> b.serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration
                .builder().chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation
                        .WHEN_REQUIRED)
                .responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation
                        .WHEN_REQUIRED));
        var processor = new S3LogProcessor(new EnvConfig(Map.of("PROCESSED_BUCKET", processed,
                "TMP_DIR", LocalAws.targetDir().toString())), client);
        measure("S3 log processor, one thread (an hour's log, S3Mock on the same machine)", "lines", 100_000,
                () -> processor.process(new S3ObjectRef(uploads, "access.log", -1, "e")));
    }

    @Test
    void orderHistory() throws IOException {
        var dynamo = Dynalite.shared();
        var codec = new EventCodec();
        var events = new OnlineRetailParser().parse(SampleData.file(SampleData.ONLINE_RETAIL)).events();
        var records = new ArrayList<byte[]>();
        for (var e : events) {
            records.add(RecordCodec.gzip((new String(codec.encode(e), StandardCharsets.UTF_8) + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
        }
        var batch = KinesisEvents.of(records);
        measure("Order history (dynalite, one UpdateItem per order event, 8 writers)", "events", events.size(), () -> {
            String table = LocalAws.uniqueName("bench-orders");
            dynamo.createTable(OrderHistoryStore.tableDefinition(table));
            new OrderHistoryHandler(new EnvConfig(Map.of("ORDERS_TABLE", table)), dynamo.client())
                    .handleRequest(batch, null);
        });
    }

    @Test
    void artifactSizeAndColdStart() throws Exception {
        Path jar;
        try (var files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().endsWith("-aws-lambda.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("run in verify (failsafe), after the shaded jar is built"));
        }
        System.out.printf("BENCH deployment jar %s: %.1f MB%n", jar.getFileName(), Files.size(jar) / 1e6);
        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            assertThat(zip.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.contains("kinesis/producer") || n.contains("org/apache/flink")
                            || n.contains("org/apache/spark") || n.endsWith("kinesis_producer"))).isEmpty();
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = jar.toAbsolutePath() + java.io.File.pathSeparator + Path.of("target/test-classes")
                .toAbsolutePath();
        var times = new ArrayList<Long>();
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            var pb = new ProcessBuilder(javaBin, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                    ColdStart.class.getName());
            pb.environment().put("AWS_EMF_ENVIRONMENT", "Local");
            pb.redirectErrorStream(true);
            var p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(out).contains("COLD-START-OK");
            times.add((System.nanoTime() - start) / 1_000_000);
        }
        times.sort(null);
        System.out.printf("BENCH cold start (fresh JVM, Firehose transformer, first 500-line batch): median %d ms, "
                + "runs %s%n", times.get(times.size() / 2), times);
    }

    private static void measure(String what, String unit, long perRound, ThrowingRunnable round) {
        try {
            for (int i = 0; i < WARM_UP_ROUNDS; i++) {
                round.run(); // until the JIT has compiled the hot paths
            }
            var rates = new ArrayList<Double>();
            for (int i = 0; i < ROUNDS; i++) {
                long start = System.nanoTime();
                round.run();
                rates.add(perRound / ((System.nanoTime() - start) / 1e9));
            }
            rates.sort(null);
            System.out.printf("BENCH %s: median %,.0f %s/s (min %,.0f, max %,.0f)%n", what,
                    rates.get(rates.size() / 2), unit, rates.get(0), rates.get(rates.size() - 1));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** The child JVM's work: a handler built from its environment (as Lambda does) and one batch. */
    public static final class ColdStart {
        public static void main(String[] args) {
            var handler = new FirehoseLogTransformer();
            var event = new KinesisFirehoseEvent();
            var records = new ArrayList<KinesisFirehoseEvent.Record>();
            for (int i = 0; i < 500; i++) {
                var r = new KinesisFirehoseEvent.Record();
                r.setRecordId("r-" + i);
                r.setData(ByteBuffer.wrap(("10.0.0." + (i % 250) + " - - [17/May/2015:10:05:03 +0000] \"GET /p/" + i
                        + " HTTP/1.1\" 200 1 \"-\" \"bench\"").getBytes(StandardCharsets.UTF_8)));
                records.add(r);
            }
            event.setRecords(records);
            var response = handler.handleRequest(event, null);
            System.out.println(response.getRecords().size() == 500 ? "COLD-START-OK" : "COLD-START-FAILED");
        }
    }

}
