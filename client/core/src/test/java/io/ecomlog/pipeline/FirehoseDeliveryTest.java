package io.ecomlog.pipeline;

import io.ecomlog.record.RecordCodec;
import io.ecomlog.resilience.BreakerSettings;
import io.ecomlog.testing.FirehoseStub;
import io.ecomlog.testing.SharedS3;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.firehose.FirehoseClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Firehose transport against a WireMock stub of PutRecordBatch (no Firehose stand-in exists): the recorded
 * requests are decoded and every event is checked, under partial failure, 500s and an outage with S3Mock as backup.
 */
class FirehoseDeliveryTest {

    private final FirehoseStub firehose = FirehoseStub.shared();
    private final SharedS3 s3 = SharedS3.shared();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private String stream;
    private String bucket;

    @BeforeEach
    void names() {
        stream = firehose.uniqueDeliveryStreamName("events");
        bucket = s3.uniqueBucketName("backup");
        s3.createBucket(bucket);
    }

    @AfterEach
    void cleanUp() throws Exception {
        firehose.reset(stream);
        for (var c : toClose) {
            c.close();
        }
    }

    private FirehoseClient noRetryClient() {
        var client = firehose.newClient(ClientOverrideConfiguration.builder()
                .retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry())
                .apiCallAttemptTimeout(Duration.ofSeconds(2))
                .build());
        toClose.add(client);
        return client;
    }

    private EcomlogClient.Builder client() {
        return EcomlogClient.builder()
                .firehose(noRetryClient(), stream)
                .s3Backup(s3.client(), bucket, "backup")
                .producerId("test")
                .shutdownHook(false)
                .linger(Duration.ofMillis(50))
                .batchBytes(256 * 1024)
                .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .circuitBreaker(new BreakerSettings(10, 4, 50f, Duration.ofMillis(500)));
    }

    private List<String> idsReceived() {
        return TestLines.ids(firehose.receivedRecords(stream));
    }

    private static void submit(EcomlogClient client, int from, int to) {
        for (int i = from; i < to; i++) {
            assertThat(client.submitJson(TestLines.line(i))).isTrue();
        }
    }

    @Test
    void everyEventArrivesInRecordsThatConcatenateToValidNdjson() {
        try (var client = client().build()) {
            submit(client, 0, 5000);
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
            var stats = client.stats().destination("firehose:" + stream);
            assertThat(stats.sent()).isEqualTo(5000);
            assertThat(stats.records()).isLessThan(50);
        }
        var records = firehose.receivedRecords(stream);
        // Firehose concatenates records into one S3 object: the concatenation must still be one event per line
        var concatenated = new java.io.ByteArrayOutputStream();
        records.forEach(concatenated::writeBytes);
        assertThat(RecordCodec.lines(concatenated.toByteArray())).hasSize(5000);
        assertThat(idsReceived()).containsExactlyInAnyOrderElementsOf(TestLines.ids(0, 5000));
        assertThat(records).allSatisfy(r -> assertThat(r.length).isLessThanOrEqualTo(1000 * 1024));
    }

    @Test
    void halfTheEntriesFailingOnlyTheFailedOnesAreRetried() {
        firehose.faults().failEveryOtherEntry(stream);
        try (var client = client().firehoseRecordBytes(4 * 1024).build()) {
            submit(client, 0, 2000);
            assertThat(client.flush(Duration.ofSeconds(60))).isTrue();
            var stats = client.stats().destination("firehose:" + stream);
            assertThat(stats.throttled()).isPositive();
            assertThat(stats.backedUpTotal()).isZero();
        }
        assertThat(idsReceived()).containsExactlyInAnyOrderElementsOf(TestLines.ids(0, 2000));
    }

    @Test
    void serverErrorsAreRetried() {
        firehose.faults().serverError(stream, 3);
        try (var client = client().build()) {
            submit(client, 0, 1000);
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(client.stats().destination("firehose:" + stream).failedCalls()).isGreaterThanOrEqualTo(3);
        }
        var arrived = new ArrayList<>(idsReceived());
        arrived.addAll(TestLines.ids(s3.readAll(bucket, "backup/").values()));
        assertThat(arrived).containsAll(TestLines.ids(0, 1000));
    }

    @Test
    void anOutageFallsBackToS3() {
        firehose.faults().outage(stream);
        try (var client = client().recordTtl(Duration.ofSeconds(1)).build()) {
            submit(client, 0, 1000);
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(client.stats().destination("firehose:" + stream).backedUpTotal()).isEqualTo(1000);
        }
        assertThat(TestLines.ids(s3.readAll(bucket, "backup/").values()))
                .containsExactlyInAnyOrderElementsOf(TestLines.ids(0, 1000));
    }
}
