package io.ecomlog.pipeline;

import io.ecomlog.metrics.DeliveryStats;
import io.ecomlog.spool.DiskSpool;
import io.ecomlog.testing.KinesisFaultStub;
import io.ecomlog.testing.KinesisLocal;
import io.ecomlog.testing.LocalAws;
import io.ecomlog.testing.OutageMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spool under live traffic, against kinesis-local behind the fault proxy: a stream that refuses connections for
 * 15 s while a shop sends 300 events/s, then recovers; and close() with a spool left by an earlier run.
 */
class SpoolReplayUnderLoadTest {

    @TempDir
    Path dir;

    private final KinesisLocal kinesis = KinesisLocal.shared();
    private final KinesisFaultStub stub = KinesisFaultStub.shared();
    private String stream;
    private KinesisClient sdk;

    @BeforeEach
    void createStream() {
        stream = kinesis.uniqueStreamName("replay");
        kinesis.createStream(stream, 2);
        sdk = stub.newClient(LocalAws.noRetries()); // ecomlog retries; the SDK's own retries would only slow it down
    }

    @AfterEach
    void heal() {
        stub.faults().heal(stream);
        sdk.close();
    }

    /** Everything default but the spool folder, as in the report behind this test. */
    private EcomlogClient.Builder client() {
        return EcomlogClient.builder().kinesis(sdk, stream).spoolDirectory(dir).producerId("replay-test")
                .shutdownHook(false);
    }

    @Test
    void afterA15SecondOutageTheSpoolDrainsWhileLiveEventsKeepArrivingAndEveryEventArrivesOnce() throws Exception {
        String name = "kinesis:" + stream;
        int total;
        long drainMillis;
        long liveDuringDrain = 0;
        DeliveryStats.DrainShares drain;
        try (var client = client().build(); var traffic = new SteadyTraffic(client, 300)) {
            TimeUnit.SECONDS.sleep(3);
            stub.faults().outage(stream, OutageMode.CONNECTION_RESET);
            TimeUnit.SECONDS.sleep(15);
            stub.faults().heal(stream);
            long recovered = System.nanoTime();
            assertThat(client.stats().destination(name).spoolBytes()).as("spooled during the outage").isPositive();

            Long liveAtDrainStart = null;
            while (true) {
                var d = client.stats().destination(name);
                long live = d.sent() - d.replayed();
                if (d.spoolBytes() == 0) {
                    drainMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - recovered);
                    break;
                }
                if ("CLOSED".equals(d.breaker())) {
                    liveAtDrainStart = liveAtDrainStart == null ? live : liveAtDrainStart;
                    liveDuringDrain = live - liveAtDrainStart;
                }
                assertThat(System.nanoTime() - recovered).as("the spool is empty within 60 s of recovery: " + d)
                        .isLessThan(TimeUnit.SECONDS.toNanos(60));
                TimeUnit.MILLISECONDS.sleep(50);
            }
            TimeUnit.SECONDS.sleep(1); // a little more live traffic after the drain
            traffic.close();
            total = traffic.submitted();
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
            var d = client.stats().destination(name);
            assertThat(d.replayed()).as("everything spooled was replayed").isEqualTo(d.spooled()).isPositive();
            assertThat(client.stats().droppedTotal()).isZero();
            drain = d.drain();
        }
        System.out.printf("15 s outage at 300 ev/s: %d events, spool empty %d ms after recovery,"
                + " %d live events delivered during the drain; %s%n", total, drainMillis, liveDuringDrain, drain);
        // by counts, not by how long the drain happened to last: whenever live events waited during the drain, the
        // replay (default share 50 %) took at most as many calls and bytes as they did
        assertThat(drain.replayCalls()).as("replay calls while live events waited: " + drain)
                .isLessThanOrEqualTo(drain.liveCalls());
        assertThat(drain.replayBytes()).as("replay bytes while live events waited: " + drain)
                .isLessThanOrEqualTo(drain.liveBytes());

        var ids = TestLines.ids(kinesis.readAll(stream).stream().map(r -> r.data()).toList());
        assertThat(new HashSet<>(ids)).as("no event lost").containsExactlyInAnyOrderElementsOf(TestLines.ids(0, total));
        assertThat(ids).as("no event twice").hasSize(total);
    }

    @Test
    void closeWithASpoolAndAHealthyDestinationDeliversTheSpoolWithinItsDeadline() throws Exception {
        int spooled = spoolWhileDown(3_000);
        long start = System.nanoTime();
        EcomlogClient second = client().build();
        assertThat(second.close(Duration.ofSeconds(30))).isTrue();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(tookMillis).isLessThan(30_000);
        assertThat(second.stats().destination("kinesis:" + stream).replayed()).isEqualTo(spooled);
        assertThat(linesInSpool()).isZero();
        var ids = TestLines.ids(kinesis.readAll(stream).stream().map(r -> r.data()).toList());
        assertThat(ids).containsExactlyInAnyOrderElementsOf(TestLines.ids(0, spooled));
    }

    @Test
    void closeWithASpoolAndADestinationStillDownKeepsItsDeadlineAndTheSpool() throws Exception {
        int spooled = spoolWhileDown(3_000);
        stub.faults().outage(stream, OutageMode.CONNECTION_RESET);
        long start = System.nanoTime();
        EcomlogClient second = client().build();
        second.close(Duration.ofSeconds(2));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(tookMillis).as("close keeps its 2 s deadline").isLessThan(2_500);
        assertThat(linesInSpool()).as("nothing was lost or doubled on disk").isEqualTo(spooled);
        assertThat(second.stats().droppedTotal()).isZero();
    }

    /** A first client, with the stream refusing connections, spools {@code n} events and closes. */
    private int spoolWhileDown(int n) {
        stub.faults().outage(stream, OutageMode.CONNECTION_RESET);
        try (var first = client().recordTtl(Duration.ofMillis(200)).build()) {
            for (int i = 0; i < n; i++) {
                first.submitJson(TestLines.line(i));
            }
            assertThat(first.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(first.stats().destination("kinesis:" + stream).spooled()).isEqualTo(n);
        }
        stub.faults().heal(stream);
        return n;
    }

    private int linesInSpool() throws IOException {
        var spool = new DiskSpool(dir.resolve(("kinesis:" + stream).replaceAll("[^A-Za-z0-9._-]", "_")),
                Long.MAX_VALUE);
        int lines = 0;
        for (Path segment : spool.segments()) {
            lines += spool.read(segment).size();
        }
        return lines;
    }
}
