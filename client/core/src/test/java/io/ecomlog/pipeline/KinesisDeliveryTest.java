package io.ecomlog.pipeline;

import io.ecomlog.metrics.DeliveryStats;
import io.ecomlog.resilience.BreakerSettings;
import io.ecomlog.testing.KinesisFaultStub;
import io.ecomlog.testing.KinesisLocal;
import io.ecomlog.testing.KinesisRecordData;
import io.ecomlog.testing.KinesisWire;
import io.ecomlog.testing.LocalAws;
import io.ecomlog.testing.OutageMode;
import io.ecomlog.testing.SharedS3;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kinesis transport end to end: events through the client into kinesis-local (read back by an independent
 * GetRecords reader), and every fault — throttled entries, 500s, resets, a slow network, outages — injected by a
 * WireMock proxy in front of it, with S3Mock as the backup.
 */
class KinesisDeliveryTest {

    @TempDir
    Path dir;

    private final KinesisLocal kinesis = KinesisLocal.shared();
    private final KinesisFaultStub stub = KinesisFaultStub.shared();
    private final SharedS3 s3 = SharedS3.shared();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private String stream;
    private String bucket;

    @BeforeEach
    void createStreamAndBucket() {
        stream = kinesis.uniqueStreamName("events");
        kinesis.createStream(stream, 2);
        bucket = s3.uniqueBucketName("backup");
        s3.createBucket(bucket);
    }

    @AfterEach
    void cleanUp() throws Exception {
        stub.faults().heal(stream);
        for (var c : toClose) {
            c.close();
        }
    }

    /** The SDK's own retries are off so that our retry logic is what is tested; calls time out after 2 s. */
    private KinesisClient faultClient() {
        var client = stub.newClient(KinesisWire.Format.CBOR, ClientOverrideConfiguration.builder()
                .retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry())
                .apiCallAttemptTimeout(Duration.ofSeconds(2))
                .build());
        toClose.add(client);
        return client;
    }

    private EcomlogClient.Builder client(KinesisClient kinesisClient) {
        return EcomlogClient.builder()
                .kinesis(kinesisClient, stream)
                .s3Backup(s3.client(), bucket, "backup")
                .producerId("test")
                .shutdownHook(false)
                .linger(Duration.ofMillis(50))
                .batchBytes(64 * 1024)
                .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .circuitBreaker(new BreakerSettings(10, 4, 50f, Duration.ofMillis(500)));
    }

    private List<String> idsInKinesis() {
        return TestLines.ids(kinesis.readAll(stream).stream().map(KinesisRecordData::data).toList());
    }

    private List<String> idsInBackup() {
        return TestLines.ids(s3.readAll(bucket, "backup/").values());
    }

    private static void submit(EcomlogClient client, int from, int to) {
        for (int i = from; i < to; i++) {
            assertThat(client.submitJson(TestLines.line(i))).isTrue();
        }
    }

    @Test
    void everyEventArrivesPackedInFewRecords() {
        try (var client = client(kinesis.client()).build()) {
            submit(client, 0, 3000);
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
            DeliveryStats.Destination stats = client.stats().destination("kinesis:" + stream);
            assertThat(stats.sent()).isEqualTo(3000);
            // ~300-byte events packed up to 25 KB: about 80 per record
            assertThat(stats.records()).isLessThan(3000 / 50);
        }
        var records = kinesis.readAll(stream);
        assertThat(TestLines.ids(records.stream().map(KinesisRecordData::data).toList()))
                .containsExactlyInAnyOrderElementsOf(TestLines.ids(0, 3000));
    }

    @Test
    void withTheSessionStrategyEverySessionKeepsOneKey() throws Exception {
        try (var client = client(kinesis.client()).partitionKey(PartitionKeyStrategy.SESSION).build()) {
            submit(client, 0, 1000);
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
        }
        var keysBySession = new java.util.HashMap<String, java.util.Set<String>>();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        int events = 0;
        for (var record : kinesis.readAll(stream)) {
            for (var line : io.ecomlog.record.RecordCodec.lines(record.data())) {
                var session = json.readTree(line).path("session_id").asText();
                keysBySession.computeIfAbsent(session, s -> new java.util.HashSet<>()).add(record.partitionKey());
                events++;
            }
        }
        assertThat(events).isEqualTo(1000);
        assertThat(keysBySession).hasSize(50);
        assertThat(keysBySession.values()).allSatisfy(keys -> assertThat(keys).hasSize(1));
    }

    @Test
    void callsAreCutAtFiveHundredRecords() {
        // records of one event each, and batches far larger than a call may be
        try (var client = client(faultClient()).kinesisRecordBytes(400).batchBytes(4L * 1024 * 1024)
                .linger(Duration.ofMillis(500)).build()) {
            submit(client, 0, 1200);
            assertThat(client.flush(Duration.ofSeconds(60))).isTrue();
            var stats = client.stats().destination("kinesis:" + stream);
            assertThat(stats.records()).isEqualTo(1200);
            assertThat(stats.calls()).isEqualTo(stub.putRecordsCalls(stream)).isGreaterThanOrEqualTo(3);
        }
        var recordsPerCall = stub.server().getAllServeEvents().stream()
                .map(e -> e.getRequest())
                .filter(r -> "Kinesis_20131202.PutRecords".equals(r.getHeader("X-Amz-Target")))
                .map(r -> KinesisWire.decodePutRecordsRequest(r.getHeader("Content-Type"), r.getBody()))
                .filter(b -> stream.equals(b.stream()))
                .map(b -> b.entries().size())
                .toList();
        assertThat(recordsPerCall).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(500)).contains(500);
        assertThat(idsInKinesis()).containsExactlyInAnyOrderElementsOf(TestLines.ids(0, 1200));
    }

    @Test
    void gzipRecordsArriveAndReadBack() {
        try (var client = client(kinesis.client()).gzip(true).build()) {
            submit(client, 0, 1000);
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
        }
        var records = kinesis.readAll(stream);
        assertThat(records).allSatisfy(r -> assertThat(io.ecomlog.record.RecordCodec.isGzip(r.data())).isTrue());
        assertThat(idsInKinesis()).containsExactlyInAnyOrderElementsOf(TestLines.ids(0, 1000));
    }

    @Test
    void halfTheEntriesThrottledOnlyTheFailedOnesAreRetried() {
        stub.faults().failEveryOtherEntry(stream);
        try (var client = client(faultClient()).build()) {
            submit(client, 0, 2000);
            assertThat(client.flush(Duration.ofSeconds(60))).isTrue();
            var stats = client.stats().destination("kinesis:" + stream);
            assertThat(stats.throttled()).isPositive();
            assertThat(stats.backedUpTotal()).isZero();
        }
        // exactly once: the accepted half of each call was not sent again
        assertThat(idsInKinesis()).containsExactlyInAnyOrderElementsOf(TestLines.ids(0, 2000));
    }

    @Test
    void serverErrorsAndConnectionResetsAreRetried() {
        stub.faults().serverError(stream, 3);
        // a patient breaker, so that the retries (not the fall-back) are what this test sees
        try (var client = client(faultClient()).circuitBreaker(new BreakerSettings(50, 20, 50f, Duration.ofSeconds(1)))
                .build()) {
            submit(client, 0, 500);
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
            stub.faults().connectionReset(stream, 3);
            submit(client, 500, 1000);
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
            var stats = client.stats().destination("kinesis:" + stream);
            assertThat(stats.failedCalls()).isGreaterThanOrEqualTo(6);
            assertThat(stats.sent()).isEqualTo(1000);
            assertThat(stats.retried()).isPositive();
        }
        assertThat(idsInKinesis()).containsExactlyInAnyOrderElementsOf(TestLines.ids(0, 1000));
    }

    @Test
    void aSlowNetworkNeverBlocksTheCallerAndNothingIsLost() {
        stub.faults().latency(stream, Duration.ofSeconds(10));
        try (var client = client(faultClient()).recordTtl(Duration.ofSeconds(3)).build()) {
            submit(client, 0, 300); // asserts every track() was accepted at once
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
            var stats = client.stats().destination("kinesis:" + stream);
            assertThat(stats.backedUpTotal()).isEqualTo(300);
        }
        assertThat(idsInBackup()).containsExactlyInAnyOrderElementsOf(TestLines.ids(0, 300));
    }

    @Test
    void aTotalOutageFallsBackToS3() {
        stub.faults().outage(stream);
        try (var client = client(faultClient()).recordTtl(Duration.ofSeconds(1)).build()) {
            submit(client, 0, 1000);
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
            var stats = client.stats().destination("kinesis:" + stream);
            assertThat(stats.sent()).isZero();
            assertThat(stats.backedUpTotal()).isEqualTo(1000);
            assertThat(stats.breaker()).isNotEqualTo("CLOSED");
        }
        assertThat(idsInBackup()).containsExactlyInAnyOrderElementsOf(TestLines.ids(0, 1000));
    }

    @Test
    void streamAndS3DownEventsSpoolAndReplayWhenTheStreamRecovers() {
        stub.faults().outage(stream, OutageMode.CONNECTION_RESET);
        var deadS3 = deadS3Client();
        var spoolDir = dir.resolve("spool");
        try (var client = EcomlogClient.builder()
                .kinesis(faultClient(), stream)
                .s3Backup(deadS3, bucket, "backup")
                .spoolDirectory(spoolDir)
                .producerId("test")
                .shutdownHook(false)
                .linger(Duration.ofMillis(50))
                .recordTtl(Duration.ofMillis(500))
                .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
                .circuitBreaker(new BreakerSettings(10, 4, 50f, Duration.ofMillis(500)))
                .build()) {
            submit(client, 0, 500);
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(client.stats().destination("kinesis:" + stream).spooled()).isEqualTo(500);

            stub.faults().heal(stream);
            await().atMost(30, SECONDS).untilAsserted(() ->
                    assertThat(idsInKinesis()).containsAll(TestLines.ids(0, 500)));
            await().atMost(10, SECONDS).untilAsserted(() ->
                    assertThat(client.stats().destination("kinesis:" + stream).spoolBytes()).isZero());
            assertThat(client.stats().droppedTotal()).isZero();
        }
    }

    /** An S3 client whose endpoint is a port nobody listens on: every call is refused. */
    private S3Client deadS3Client() {
        var client = LocalAws.configure(S3Client.builder().forcePathStyle(true),
                LocalAws.httpEndpoint(LocalAws.freePort()), LocalAws.noRetries()).build();
        toClose.add(client);
        return client;
    }
}
