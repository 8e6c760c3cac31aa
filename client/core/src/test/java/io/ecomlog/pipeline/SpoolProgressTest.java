package io.ecomlog.pipeline;

import io.ecomlog.record.EncodedEvent;
import io.ecomlog.spool.DiskSpool;
import io.ecomlog.transport.DeliveryReport;
import io.ecomlog.transport.Destination;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the replay records on disk: a segment replayed in part keeps only what is left, and spooling coalesces. */
class SpoolProgressTest {

    @TempDir
    Path dir;

    private static EcomlogClient.Builder client(Destination destination, Path spool) {
        return EcomlogClient.builder().destination(destination).producerId("test").shutdownHook(false)
                .linger(Duration.ofMillis(20)).retryBackoff(Duration.ofMillis(5), Duration.ofMillis(50))
                .spoolDirectory(spool);
    }

    /** Takes the events of its first {@code calls} calls, then fails like a destination that went away. */
    private static final class GoesDownAfter implements Destination {
        private final ScriptedDestination scripted = new ScriptedDestination("scripted");
        private final AtomicInteger callsLeft;

        GoesDownAfter(int calls) {
            this.callsLeft = new AtomicInteger(calls);
        }

        @Override
        public String name() {
            return scripted.name();
        }

        @Override
        public long maxEventBytes() {
            return scripted.maxEventBytes();
        }

        @Override
        public DeliveryReport deliver(List<EncodedEvent> events) {
            if (callsLeft.decrementAndGet() < 0) {
                scripted.mode(ScriptedDestination.Mode.DOWN);
            }
            return scripted.deliver(events);
        }

        List<String> receivedIds() {
            return scripted.receivedIds();
        }
    }

    @Test
    void aSegmentReplayedInPartKeepsOnlyWhatIsLeftSoTheNextStartSendsNothingTwice() {
        int n = 20_000; // ~6 MB: several replay calls of at most 1 MiB
        var down = new ScriptedDestination("scripted").mode(ScriptedDestination.Mode.DOWN);
        try (var first = client(down, dir).recordTtl(Duration.ofMillis(50)).build()) {
            for (int i = 0; i < n; i++) {
                first.submitJson(TestLines.line(i));
            }
            assertThat(first.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(first.stats().destination("scripted").spooled()).isEqualTo(n);
        }

        var partly = new GoesDownAfter(2);
        var second = client(partly, dir).build();
        await().atMost(10, SECONDS).until(() -> !partly.receivedIds().isEmpty());
        second.close(Duration.ofSeconds(2));
        int delivered = partly.receivedIds().size();
        assertThat(delivered).as("the second run replayed part of the spool").isBetween(1, n - 1);

        var up = new ScriptedDestination("scripted");
        try (var third = client(up, dir).build()) {
            await().atMost(20, SECONDS).untilAsserted(() ->
                    assertThat(third.stats().destination("scripted").spoolBytes()).isZero());
            assertThat(third.stats().destination("scripted").replayed()).isEqualTo(n - delivered);
        }
        var all = new ArrayList<>(partly.receivedIds());
        all.addAll(up.receivedIds());
        assertThat(all).as("every event once over both runs").hasSize(n);
        assertThat(new HashSet<>(all)).containsExactlyInAnyOrderElementsOf(TestLines.ids(0, n));
    }

    @Test
    void anOutageSpoolsIntoAFewLargeSegmentsInsteadOfOnePerBatch() throws Exception {
        var down = new ScriptedDestination("scripted").mode(ScriptedDestination.Mode.DOWN);
        try (var client = client(down, dir).recordTtl(Duration.ofMillis(50)).build()) {
            for (int i = 0; i < 10_000; i++) {
                client.submitJson(TestLines.line(i));
                if (i % 50 == 49) {
                    assertThat(client.flush(Duration.ofSeconds(10))).isTrue(); // small batches, as at 300 events/s
                }
            }
        }
        var spool = new DiskSpool(dir.resolve("scripted"), Long.MAX_VALUE);
        var segments = spool.segments();
        int lines = 0;
        for (var segment : segments) {
            lines += spool.read(segment).size();
        }
        assertThat(lines).isEqualTo(10_000);
        assertThat(segments).as("200 batches in a couple of segments").hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void aKillDuringAnAppendToTheOpenSegmentLeavesOnlyWholeEventsAfterRecovery() throws Exception {
        var spool = new DiskSpool(dir, Long.MAX_VALUE, 1 << 20);
        spool.append(events(0, 100));
        spool.append(events(100, 200));
        Path open;
        try (var files = java.nio.file.Files.list(dir)) {
            open = files.filter(p -> p.getFileName().toString().startsWith(".open-")).findFirst().orElseThrow();
        }
        // the second append cut short, as by a kill -9 before its gzip trailer was written
        try (var channel = java.nio.channels.FileChannel.open(open, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 12);
        }

        var reopened = new DiskSpool(dir, Long.MAX_VALUE, 1 << 20);
        reopened.recover();
        assertThat(reopened.sealedSegments()).hasSize(1);
        var lines = reopened.read(reopened.sealedSegments().get(0));
        var ids = TestLines.ids(List.of(String.join("\n", lines.stream()
                .map(l -> new String(l, java.nio.charset.StandardCharsets.UTF_8)).toList())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(ids).as("the first append whole, then whole events of the second only")
                .startsWith(TestLines.ids(0, 100).toArray(String[]::new))
                .doesNotHaveDuplicates()
                .isSubsetOf(TestLines.ids(0, 200));
        assertThat(reopened.sizeBytes()).isEqualTo(java.nio.file.Files.size(reopened.sealedSegments().get(0)));
    }

    @Test
    void eventsThatFindTheQueueFullGoToTheSpoolAndArriveInsteadOfBeingDropped() {
        var up = new ScriptedDestination("scripted");
        int n = 5_000;
        try (var client = client(up, dir).queueCapacity(1).build()) {
            for (int i = 0; i < n; i++) {
                assertThat(client.submitJson(TestLines.line(i))).as("event " + i + " taken").isTrue();
            }
            assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(client.stats().destination("scripted").spooled()).as("the queue of one overflowed").isPositive();
            await().atMost(20, SECONDS).untilAsserted(() ->
                    assertThat(new HashSet<>(up.receivedIds())).hasSize(n));
            assertThat(client.stats().droppedTotal()).isZero();
        }
    }

    @Test
    void spooledEventsTheDestinationRefusesForGoodAreDroppedOnceNotReplayedForever() {
        var down = new ScriptedDestination("scripted").mode(ScriptedDestination.Mode.DOWN);
        try (var first = client(down, dir).recordTtl(Duration.ofMillis(50)).build()) {
            for (int i = 0; i < 100; i++) {
                first.submitJson(TestLines.line(i));
            }
            assertThat(first.flush(Duration.ofSeconds(10))).isTrue();
        }
        var refusing = new ScriptedDestination("scripted").mode(ScriptedDestination.Mode.REJECT_ALL);
        var second = client(refusing, dir).build();
        await().atMost(10, SECONDS).untilAsserted(() ->
                assertThat(second.stats().destination("scripted").spoolBytes()).isZero());
        long start = System.nanoTime();
        second.close(Duration.ofSeconds(10));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("nothing left to drain").isLessThan(
                Duration.ofSeconds(2));
        assertThat(second.stats().dropped().get(io.ecomlog.metrics.DropReason.UNDELIVERABLE)).isEqualTo(100);
    }

    private static List<EncodedEvent> events(int from, int to) {
        var list = new ArrayList<EncodedEvent>();
        for (int i = from; i < to; i++) {
            list.add(new EncodedEvent(TestLines.id(i), "product_viewed", java.time.Instant.EPOCH, null,
                    TestLines.line(i), 0));
        }
        return list;
    }
}
