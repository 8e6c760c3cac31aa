package io.ecomlog.kpl;

import io.ecomlog.reader.KplAggregate;
import io.ecomlog.reader.RecordReader;
import io.ecomlog.testing.KinesisLocal;
import io.ecomlog.testing.KinesisRecordData;
import io.ecomlog.transport.FailureKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.ecomlog.kpl.KplTestSupport.events;
import static io.ecomlog.kpl.KplTestSupport.ids;
import static io.ecomlog.kpl.KplTestSupport.idsInStream;
import static io.ecomlog.kpl.KplTestSupport.localSettings;
import static org.assertj.core.api.Assertions.assertThat;

/** The KPL destination against kinesis-local's HTTPS port, read back with {@link RecordReader}. */
class KplDestinationTest {

    private final KinesisLocal kinesis = KinesisLocal.shared();

    private static boolean aggregated(KinesisRecordData r) {
        return KplAggregate.isAggregate(r.data()); // magic bytes and a matching MD5
    }

    /** The KPL puts unaggregated until it has the shard map: one record first, then a pause. */
    private static void warmUp(KplDestination destination) throws InterruptedException {
        var report = destination.deliver(List.of(KplTestSupport.event(999_999, "warm-up")));
        assertThat(report.failed()).isEmpty();
        Thread.sleep(1000);
    }

    @Test
    void everyUserRecordReadsBackExactlyWithAggregationOn() throws Exception {
        var stream = kinesis.uniqueStreamName("kpl-agg");
        kinesis.createStream(stream, 2);
        try (var destination = new KplDestination(localSettings(kinesis, stream).packing(false).build())) {
            warmUp(destination);
            for (int from = 0; from < 600; from += 200) {
                var report = destination.deliver(events(from, from + 200, 97));
                assertThat(report.failed()).isEmpty();
                assertThat(report.delivered()).isEqualTo(200);
                assertThat(report.records()).isEqualTo(200);
            }
            assertThat(destination.health().producersStarted()).isEqualTo(1);
            // the count drops in the futures' listeners, which may run just after get() returned
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(destination.health().outstandingBytes()).isZero());
        }
        var records = kinesis.readAll(stream);
        assertThat(records).anySatisfy(r -> assertThat(aggregated(r)).isTrue());
        assertThat(records.size()).isLessThan(100); // 601 user records in a few aggregated records
        var expected = new java.util.ArrayList<>(ids(0, 600));
        expected.add(KplTestSupport.id(999_999));
        assertThat(idsInStream(records)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void packedGzipRecordsAreAggregatedAndReadBack() throws Exception {
        var stream = kinesis.uniqueStreamName("kpl-packed");
        kinesis.createStream(stream, 1);
        try (var destination = new KplDestination(localSettings(kinesis, stream).gzip(true).build())) {
            warmUp(destination);
            var report = destination.deliver(events(0, 1000, 300));
            assertThat(report.failed()).isEmpty();
            assertThat(report.delivered()).isEqualTo(1000);
            assertThat(report.records()).isLessThan(1000); // packed: events sharing a key share a user record
        }
        var records = kinesis.readAll(stream);
        assertThat(records).anySatisfy(r -> assertThat(aggregated(r)).isTrue());
        var expected = new java.util.ArrayList<>(ids(0, 1000));
        expected.add(KplTestSupport.id(999_999));
        assertThat(idsInStream(records)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void backPressureReportsTheRestThrottled() throws Exception {
        var stream = kinesis.uniqueStreamName("kpl-bp");
        kinesis.createStream(stream, 1);
        try (var destination = new KplDestination(localSettings(kinesis, stream).packing(false)
                .maxOutstandingRecords(5).backpressureWait(Duration.ZERO)
                .recordMaxBufferedTime(Duration.ofMillis(500)).build())) {
            var report = destination.deliver(events(0, 50, 50));
            assertThat(report.delivered()).isEqualTo(5);
            assertThat(report.failed()).hasSize(45).allSatisfy(f -> {
                assertThat(f.kind()).isEqualTo(FailureKind.THROTTLED);
                assertThat(f.detail()).contains("back-pressure");
            });
            assertThat(destination.health().backpressureRejected()).isEqualTo(45);
        }
        assertThat(idsInStream(kinesis.readAll(stream))).containsExactlyInAnyOrderElementsOf(ids(0, 5));
    }

    @Test
    void closeIsBoundedWhenKinesisIsUnreachable() throws Exception {
        int deadPort = io.ecomlog.testing.LocalAws.freePort();
        var settings = localSettings(kinesis, "nowhere").kinesisEndpoint("127.0.0.1", deadPort)
                .closeTimeout(Duration.ofSeconds(1)).build();
        var destination = new KplDestination(settings);
        var result = new java.util.concurrent.CompletableFuture<io.ecomlog.transport.DeliveryReport>();
        var sender = new Thread(() -> result.complete(destination.deliver(events(0, 10, 10))));
        sender.start();
        Thread.sleep(1500);
        long start = System.nanoTime();
        destination.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        var report = result.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(report.delivered()).isZero();
        assertThat(report.failed()).hasSize(10).allSatisfy(f -> assertThat(f.kind().retryable()).isTrue());
    }

    @Test
    void recordsExpiredInTheKplAreReportedThrottled() {
        int deadPort = io.ecomlog.testing.LocalAws.freePort();
        var settings = localSettings(kinesis, "unreachable").kinesisEndpoint("127.0.0.1", deadPort)
                .recordTtl(Duration.ofMillis(300)).closeTimeout(Duration.ZERO).build();
        try (var destination = new KplDestination(settings)) {
            var report = destination.deliver(events(0, 5, 5));
            assertThat(report.delivered()).isZero();
            assertThat(report.failed()).hasSize(5).allSatisfy(f -> {
                assertThat(f.kind()).isEqualTo(FailureKind.THROTTLED);
                assertThat(f.detail()).containsIgnoringCase("expir");
            });
            assertThat(destination.health().daemonDeaths()).isZero();
        }
    }
}
