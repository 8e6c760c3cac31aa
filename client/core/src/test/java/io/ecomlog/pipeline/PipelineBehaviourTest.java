package io.ecomlog.pipeline;

import io.ecomlog.metrics.DeliveryStats;
import io.ecomlog.metrics.DropReason;
import io.ecomlog.metrics.FallbackReason;
import io.ecomlog.record.EncodedEvent;
import io.ecomlog.resilience.BreakerSettings;
import io.ecomlog.spool.DiskSpool;
import io.ecomlog.transport.LocalFolderStore;
import io.ecomlog.transport.ObjectStore;
import io.ecomlog.transport.ObjectStoreDestination;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The pipeline's own logic — queue bounds, flush, retries of failed entries only, TTL, the fall-back chain, spool
 * replay, shutdown — against a scripted destination. The transports are tested against real stand-ins elsewhere.
 */
class PipelineBehaviourTest {

    @TempDir
    Path dir;

    private EcomlogClient.Builder client(ScriptedDestination destination) {
        return EcomlogClient.builder()
                .destination(destination)
                .producerId("test")
                .shutdownHook(false)
                .linger(Duration.ofMillis(20))
                .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(50))
                .circuitBreaker(new BreakerSettings(10, 4, 50f, Duration.ofMillis(200)));
    }

    private ObjectStoreDestination folderBackup(String name) {
        return new ObjectStoreDestination(new LocalFolderStore(dir.resolve(name)), "backup", "test");
    }

    private static void submit(EcomlogClient client, int from, int to) {
        for (int i = from; i < to; i++) {
            assertThat(client.submitJson(TestLines.line(i))).isTrue();
        }
    }

    private static List<String> idsInStore(ObjectStore store) throws IOException {
        var bodies = new ArrayList<byte[]>();
        for (var key : store.list("")) {
            bodies.add(store.get(key));
        }
        return TestLines.ids(bodies);
    }

    private static List<String> idsInSpool(Path spoolDir) throws IOException {
        var ids = new ArrayList<String>();
        try (var dirs = java.nio.file.Files.list(spoolDir)) {
            for (var d : dirs.toList()) {
                var spool = new DiskSpool(d, Long.MAX_VALUE);
                for (var segment : spool.segments()) {
                    var lines = spool.read(segment);
                    ids.addAll(TestLines.ids(List.of(String.join("\n", lines.stream()
                            .map(l -> new String(l, StandardCharsets.UTF_8)).toList())
                            .getBytes(StandardCharsets.UTF_8))));
                }
            }
        }
        return ids;
    }

    @Test
    void deliversEveryEventAndCountsIt() {
        var destination = new ScriptedDestination("scripted");
        try (var client = client(destination).build()) {
            submit(client, 0, 1000);
            assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(destination.receivedIds()).containsExactlyInAnyOrderElementsOf(TestLines.ids(0, 1000));
            var stats = client.stats();
            assertThat(stats.accepted()).isEqualTo(1000);
            assertThat(stats.destination("scripted").sent()).isEqualTo(1000);
            assertThat(stats.droppedTotal()).isZero();
        }
    }

    @Test
    void partialFailureRetriesOnlyTheFailedEvents() {
        var destination = new ScriptedDestination("scripted").mode(ScriptedDestination.Mode.EVERY_OTHER_THROTTLED);
        try (var client = client(destination).build()) {
            submit(client, 0, 200);
            assertThat(client.flush(Duration.ofSeconds(20))).isTrue();
            // each event arrives exactly once: the accepted half is never sent again
            assertThat(destination.receivedIds()).containsExactlyInAnyOrderElementsOf(TestLines.ids(0, 200));
            var stats = client.stats().destination("scripted");
            assertThat(stats.retried()).isGreaterThanOrEqualTo(100);
            assertThat(stats.throttled()).isEqualTo(stats.retried());
            assertThat(stats.backedUpTotal()).isZero();
        }
    }

    @Test
    void eventsPastTheirTtlGoToTheBackup() throws IOException {
        var destination = new ScriptedDestination("scripted").mode(ScriptedDestination.Mode.DOWN);
        var backup = folderBackup("backup");
        try (var client = client(destination).recordTtl(Duration.ofMillis(200)).backup(p -> backup).build()) {
            submit(client, 0, 50);
            assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
            var stats = client.stats().destination("scripted");
            assertThat(stats.sent()).isZero();
            assertThat(stats.backedUpTotal()).isEqualTo(50);
            assertThat(stats.backedUp().get(FallbackReason.TTL_EXPIRED)
                    + stats.backedUp().get(FallbackReason.CIRCUIT_OPEN)).isEqualTo(50);
        }
        assertThat(idsInStore(backup.store())).containsExactlyInAnyOrderElementsOf(TestLines.ids(0, 50));
    }

    @Test
    void rejectedEventsGoToTheBackupAtOnce() throws IOException {
        var destination = new ScriptedDestination("scripted").mode(ScriptedDestination.Mode.REJECT_ALL);
        var backup = folderBackup("backup");
        try (var client = client(destination).backup(p -> backup).build()) {
            submit(client, 0, 10);
            assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
            var stats = client.stats().destination("scripted");
            assertThat(stats.retried()).isZero();
            assertThat(stats.backedUp().get(FallbackReason.NOT_RETRYABLE)
                    + stats.backedUp().get(FallbackReason.CIRCUIT_OPEN)).isEqualTo(10);
        }
        assertThat(idsInStore(backup.store())).hasSize(10);
    }

    @Test
    void whenDestinationAndBackupFailEventsAreSpooledAndReplayedOnRecovery() throws IOException {
        var destination = new ScriptedDestination("scripted").mode(ScriptedDestination.Mode.DOWN);
        var brokenBackup = new ObjectStoreDestination(new FailingStore(), "backup", "test");
        var spoolDir = dir.resolve("spool");
        try (var client = client(destination).recordTtl(Duration.ofMillis(100)).backup(p -> brokenBackup)
                .spoolDirectory(spoolDir).build()) {
            submit(client, 0, 100);
            assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(client.stats().destination("scripted").spooled()).isEqualTo(100);
            assertThat(idsInSpool(spoolDir)).containsExactlyInAnyOrderElementsOf(TestLines.ids(0, 100));

            destination.mode(ScriptedDestination.Mode.UP);
            await().atMost(15, SECONDS).untilAsserted(() ->
                    assertThat(destination.receivedIds()).containsAll(TestLines.ids(0, 100)));
            await().atMost(5, SECONDS).untilAsserted(() -> {
                var stats = client.stats().destination("scripted");
                assertThat(stats.replayed()).isEqualTo(100);
                assertThat(stats.spoolBytes()).isZero();
            });
            assertThat(client.stats().droppedTotal()).isZero();
        }
    }

    @Test
    void spoolLeftByAnEarlierProcessIsReplayedAtStartUp() {
        var spoolDir = dir.resolve("spool");
        var down = new ScriptedDestination("scripted").mode(ScriptedDestination.Mode.DOWN);
        try (var first = client(down).recordTtl(Duration.ofMillis(50)).spoolDirectory(spoolDir).build()) {
            submit(first, 0, 30);
            assertThat(first.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(first.stats().destination("scripted").spooled()).isEqualTo(30);
        }
        var up = new ScriptedDestination("scripted");
        try (var second = client(up).spoolDirectory(spoolDir).build()) {
            await().atMost(10, SECONDS).untilAsserted(() ->
                    assertThat(up.receivedIds()).containsExactlyInAnyOrderElementsOf(TestLines.ids(0, 30)));
            assertThat(second.stats().destination("scripted").replayed()).isEqualTo(30);
        }
    }

    @Test
    void aDamagedSpoolSegmentIsMovedAsideOnceAndCountedWhileTheRestIsReplayed() throws IOException {
        var spoolDir = dir.resolve("spool");
        var down = new ScriptedDestination("scripted").mode(ScriptedDestination.Mode.DOWN);
        try (var first = client(down).recordTtl(Duration.ofMillis(50)).spoolDirectory(spoolDir).build()) {
            submit(first, 0, 20);
            assertThat(first.flush(Duration.ofSeconds(10))).isTrue();
        }
        var channelDir = spoolDir.resolve("scripted");
        // a segment that claims gzip but is not, and one with a line that is not an event
        java.nio.file.Files.write(channelDir.resolve("0000000000000-000001-0001.ndjson.gz"),
                new byte[]{0x1f, (byte) 0x8b, 1, 2, 3});
        new DiskSpool(channelDir, Long.MAX_VALUE).append(List.of(new EncodedEvent("x", "log",
                java.time.Instant.EPOCH, null, "not an event".getBytes(StandardCharsets.UTF_8), 0)));

        var up = new ScriptedDestination("scripted");
        try (var second = client(up).spoolDirectory(spoolDir).build()) {
            await().atMost(10, SECONDS).untilAsserted(() -> {
                assertThat(up.receivedIds()).containsExactlyInAnyOrderElementsOf(TestLines.ids(0, 20));
                assertThat(second.stats().dropped().get(DropReason.SPOOL_CORRUPT)).isEqualTo(2);
                assertThat(second.stats().destination("scripted").spoolBytes()).isZero();
            });
            Thread.sleep(600); // a few more idle replay passes: the quarantined segment must not come back
            assertThat(second.stats().dropped().get(DropReason.SPOOL_CORRUPT)).isEqualTo(2);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        try (var files = java.nio.file.Files.list(channelDir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactly("0000000000000-000001-0001.ndjson.gz.corrupt");
        }
    }

    @Test
    void aReplayThatFailsPutsTheEventsBackInTheSpoolUntilTheDestinationTakesThem() throws IOException {
        var spoolDir = dir.resolve("spool");
        var destination = new ScriptedDestination("scripted").mode(ScriptedDestination.Mode.DOWN);
        try (var first = client(destination).recordTtl(Duration.ofMillis(50)).spoolDirectory(spoolDir).build()) {
            submit(first, 0, 30);
            assertThat(first.flush(Duration.ofSeconds(10))).isTrue();
        }
        // the next process starts while the destination is still down: its start-up replay fails
        try (var second = client(destination).spoolDirectory(spoolDir).build()) {
            await().atMost(10, SECONDS).until(() -> destination.calls() > 0);
            await().atMost(10, SECONDS).until(() -> !"CLOSED".equals(second.stats().destination("scripted").breaker()));
            assertThat(idsInSpool(spoolDir)).containsExactlyInAnyOrderElementsOf(TestLines.ids(0, 30));
            assertThat(second.stats().droppedTotal()).isZero();

            destination.mode(ScriptedDestination.Mode.UP);
            await().atMost(15, SECONDS).untilAsserted(() ->
                    assertThat(destination.receivedIds()).containsExactlyInAnyOrderElementsOf(TestLines.ids(0, 30)));
            await().atMost(5, SECONDS).untilAsserted(() ->
                    assertThat(second.stats().destination("scripted").spoolBytes()).isZero());
        }
    }

    @Test
    void dropNewestCountsEveryEventItRefuses() {
        var destination = new ScriptedDestination("scripted").mode(ScriptedDestination.Mode.HANG);
        int total = 100_000;
        int refused = 0;
        try (var client = client(destination).queueCapacity(100).batchBytes(64 * 1024).build()) {
            for (int i = 0; i < total; i++) {
                if (!client.submitJson(TestLines.line(i))) {
                    refused++;
                }
            }
            var stats = client.stats();
            assertThat(refused).isPositive();
            assertThat(stats.dropped().get(DropReason.QUEUE_FULL)).isEqualTo(refused);
            assertThat(stats.accepted() + refused).isEqualTo(total);

            destination.mode(ScriptedDestination.Mode.UP);
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(client.stats().destination("scripted").sent()).isEqualTo(stats.accepted());
        }
    }

    @Test
    void dropOldestKeepsTheNewestAndCountsTheEvicted() {
        var destination = new ScriptedDestination("scripted").mode(ScriptedDestination.Mode.HANG);
        int total = 100_000;
        try (var client = client(destination).queueCapacity(100).batchBytes(64 * 1024)
                .overflowPolicy(OverflowPolicy.DROP_OLDEST).build()) {
            submit(client, 0, total);
            destination.mode(ScriptedDestination.Mode.UP);
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
            var stats = client.stats();
            long dropped = stats.dropped().get(DropReason.QUEUE_FULL);
            assertThat(dropped).isPositive();
            assertThat(stats.destination("scripted").sent() + dropped).isEqualTo(total);
            assertThat(destination.receivedIds()).contains(TestLines.id(total - 1));
        }
    }

    @Test
    void blockWithTimeoutGivesUpAndCountsTheDrop() {
        var destination = new ScriptedDestination("scripted").mode(ScriptedDestination.Mode.HANG);
        try (var client = client(destination).queueCapacity(10).batchBytes(1024)
                .overflowPolicy(OverflowPolicy.BLOCK).blockTimeout(Duration.ofMillis(20)).build()) {
            int refused = 0;
            for (int i = 0; i < 200_000 && refused == 0; i++) {
                if (!client.submitJson(TestLines.line(i))) {
                    refused++;
                }
            }
            assertThat(refused).isEqualTo(1);
            assertThat(client.stats().dropped().get(DropReason.QUEUE_FULL)).isEqualTo(1);
            destination.mode(ScriptedDestination.Mode.UP);
        }
    }

    @Test
    void closeSendsPendingEventsWithoutWaitingForTheLinger() {
        var destination = new ScriptedDestination("scripted");
        var client = client(destination).linger(Duration.ofSeconds(30)).build();
        submit(client, 0, 500);
        assertThat(client.close(Duration.ofSeconds(5))).isTrue();
        assertThat(destination.receivedIds()).containsExactlyInAnyOrderElementsOf(TestLines.ids(0, 500));
        assertThat(client.submitJson(TestLines.line(999))).isFalse();
        assertThat(client.stats().dropped().get(DropReason.CLOSED)).isEqualTo(1);
    }

    @Test
    void closeKeepsItsDeadlineWhenTheDestinationHangsAndSpoolsWhatItHolds() throws IOException {
        var destination = new ScriptedDestination("scripted").mode(ScriptedDestination.Mode.HANG);
        var spoolDir = dir.resolve("spool");
        var client = client(destination).spoolDirectory(spoolDir).build();
        submit(client, 0, 100);
        // the bound is generous for a noisy machine; without the deadline logic close would wait 60 s for the hang
        boolean secured = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> client.close(Duration.ofSeconds(1)));
        assertThat(secured).isTrue();
        assertThat(idsInSpool(spoolDir)).containsAll(TestLines.ids(0, 100));
        assertThat(client.stats().dropped().get(DropReason.SHUTDOWN)).isZero();
        destination.mode(ScriptedDestination.Mode.UP);
    }

    @Test
    void anOversizeEventGoesWholeToTheBackupAndIsNeverTruncated() throws IOException {
        var destination = new ScriptedDestination("scripted", 2_000);
        var backup = folderBackup("backup");
        byte[] big = TestLines.line(1, "x".repeat(10_000));
        try (var client = client(destination).backup(p -> backup).build()) {
            client.submitJson(TestLines.line(0));
            client.submitJson(big);
            assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(client.stats().destination("scripted").backedUp().get(FallbackReason.OVERSIZE)).isEqualTo(1);
        }
        assertThat(destination.receivedIds()).containsExactly(TestLines.id(0));
        var store = backup.store();
        var keys = store.list("");
        assertThat(keys).hasSize(1);
        var lines = io.ecomlog.record.RecordCodec.lines(store.get(keys.get(0)));
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).isEqualTo(big);
    }

    @Test
    void anOversizeEventWithoutBackupIsACountedDrop() {
        var destination = new ScriptedDestination("scripted", 2_000);
        try (var client = client(destination).build()) {
            client.submitJson(TestLines.line(1, "x".repeat(10_000)));
            assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(client.stats().dropped().get(DropReason.OVERSIZE)).isEqualTo(1);
        }
    }

    @Test
    void malformedInputIsCountedAndNeverThrown() {
        var destination = new ScriptedDestination("scripted");
        try (var client = client(destination).build()) {
            assertThat(client.submitJson("not json at all".getBytes(StandardCharsets.UTF_8))).isTrue();
            client.submitJson("{\"a\":1}\n{\"b\":2}".getBytes(StandardCharsets.UTF_8));
            client.submitJson("[1,2,3]".getBytes(StandardCharsets.UTF_8));
            client.submitJson("{\"event_id\":\"x\",".getBytes(StandardCharsets.UTF_8));
            assertThat(client.submitJson(new byte[0])).isFalse();
            assertThat(client.submitJson(null)).isFalse();
            assertThat(client.track(null)).isFalse();
            client.submitJson(TestLines.line(7));
            assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
            DeliveryStats stats = client.stats();
            assertThat(stats.dropped().get(DropReason.MALFORMED)).isEqualTo(7);
            assertThat(destination.receivedIds()).containsExactly(TestLines.id(7));
        }
    }

    /** An object store that is down. */
    private static final class FailingStore implements ObjectStore {
        @Override
        public String describe() {
            return "failing://store";
        }

        @Override
        public void put(String key, byte[] body) throws IOException {
            throw new IOException("scripted S3 outage");
        }

        @Override
        public List<String> list(String prefix) {
            return List.of();
        }

        @Override
        public byte[] get(String key) throws IOException {
            throw new IOException("scripted S3 outage");
        }
    }
}
