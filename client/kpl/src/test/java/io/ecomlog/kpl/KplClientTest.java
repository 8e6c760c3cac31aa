package io.ecomlog.kpl;

import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.resilience.BreakerSettings;
import io.ecomlog.testing.KinesisLocal;
import io.ecomlog.testing.SharedS3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;

import static io.ecomlog.kpl.KplTestSupport.daemons;
import static io.ecomlog.kpl.KplTestSupport.ids;
import static io.ecomlog.kpl.KplTestSupport.idsInObjects;
import static io.ecomlog.kpl.KplTestSupport.idsInStream;
import static io.ecomlog.kpl.KplTestSupport.line;
import static io.ecomlog.kpl.KplTestSupport.localSettings;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The KPL destination under the ecomlog client: same API, same retries, backup and counting. */
class KplClientTest {

    @TempDir
    Path dir;

    private final KinesisLocal kinesis = KinesisLocal.shared();

    private static EcomlogClient.Builder client(KplDestination destination) {
        return EcomlogClient.builder()
                .destination(destination)
                .producerId("test")
                .shutdownHook(false)
                .linger(Duration.ofMillis(50))
                .batchBytes(64 * 1024)
                .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    private static void submit(EcomlogClient client, int from, int to) {
        for (int i = from; i < to; i++) {
            assertThat(client.submitJson(line(i))).isTrue();
        }
    }

    @Test
    void everyEventArrivesThroughTheClient() throws Exception {
        var stream = kinesis.uniqueStreamName("kpl-client");
        kinesis.createStream(stream, 2);
        var destination = new KplDestination(localSettings(kinesis, stream).build());
        try (var client = client(destination).build()) {
            submit(client, 0, 1);
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
            Thread.sleep(1000); // the KPL aggregates once it has the shard map
            submit(client, 1, 2000);
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
            var stats = client.stats().destination("kpl:" + stream);
            assertThat(stats.sent()).isEqualTo(2000);
            assertThat(stats.records()).isLessThan(2000 / 20); // packed into NDJSON user records
            assertThat(client.stats().droppedTotal()).isZero();
        }
        assertThat(daemons()).as("close() destroys the daemon").isEmpty();
        assertThat(idsInStream(kinesis.readAll(stream))).containsExactlyInAnyOrderElementsOf(ids(0, 2000));
    }

    @Test
    void aKilledDaemonLosesNothingAndANewProducerTakesOver() throws Exception {
        var stream = kinesis.uniqueStreamName("kpl-kill");
        kinesis.createStream(stream, 2);
        var s3 = SharedS3.shared();
        var bucket = s3.uniqueBucketName("kpl-backup");
        s3.createBucket(bucket);
        var destination = new KplDestination(localSettings(kinesis, stream).packing(false).build());
        int total = 3000;
        try (var client = client(destination)
                .s3Backup(s3.client(), bucket, "backup")
                .spoolDirectory(dir.resolve("spool"))
                .circuitBreaker(new BreakerSettings(10, 4, 50f, Duration.ofMillis(500)))
                .build()) {
            submit(client, 0, 1);
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
            Thread.sleep(1000);
            var first = destination.health();
            assertThat(first.daemonPid()).isNotNull();
            assertThat(daemons()).extracting(ProcessHandle::pid).contains(first.daemonPid());

            var killed = new java.util.concurrent.atomic.AtomicBoolean();
            for (int from = 1; from < total; from += 100) {
                submit(client, from, Math.min(total, from + 100));
                Thread.sleep(20);
                if (from >= 1000 && killed.compareAndSet(false, true)) {
                    ProcessHandle.of(first.daemonPid()).orElseThrow().destroyForcibly(); // kill -9, mid-run
                }
            }
            assertThat(client.flush(Duration.ofSeconds(60))).isTrue();

            await().atMost(10, SECONDS).untilAsserted(() -> {
                var health = destination.health();
                assertThat(health.daemonDeaths()).isGreaterThanOrEqualTo(1);
                assertThat(health.producersStarted()).isGreaterThanOrEqualTo(2);
                assertThat(health.daemonAlive()).isTrue();
                assertThat(health.daemonPid()).isNotEqualTo(first.daemonPid());
                assertThat(health.lastDeathCause()).isNotNull();
            });

            // the new producer works
            submit(client, total, total + 200);
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();

            var stats = client.stats();
            var channel = stats.destination("kpl:" + stream);
            System.out.println("after the daemon kill: " + channel + ", " + destination.health());
            assertThat(stats.droppedTotal()).as("nothing dropped").isZero();
            assertThat(channel.sent() + channel.backedUpTotal() + channel.spooled()).isEqualTo(total + 200);
        }
        var inKinesis = idsInStream(kinesis.readAll(stream));
        var arrived = new HashSet<>(inKinesis);
        arrived.addAll(idsInObjects(s3.readAll(bucket, "backup/").values()));
        assertThat(arrived).as("every event arrived, in Kinesis or in the backup")
                .containsAll(ids(0, total + 200));
        assertThat(inKinesis).as("the new producer delivers").containsAll(ids(total, total + 200));
        assertThat(daemons()).as("no daemon left behind").isEmpty();
    }
}
