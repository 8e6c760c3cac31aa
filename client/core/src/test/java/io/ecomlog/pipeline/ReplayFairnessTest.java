package io.ecomlog.pipeline;

import io.ecomlog.record.EncodedEvent;
import io.ecomlog.transport.DeliveryReport;
import io.ecomlog.transport.Destination;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The replay's share of a destination while the spool drains, by counts: the destination takes only the calls the test
 * grants, tick by tick, and live events always have a full batch waiting, so every choice between a live batch and a
 * replay call is the scheduler's alone, never the clock's.
 */
class ReplayFairnessTest {

    private static final String NAME = "metered";
    private static final int SPOOLED = 3_000;
    private static final int LIVE = 1_000;
    /** About ten ~310-byte test lines: a live batch and a replay call each carry about that many. */
    private static final long BATCH_BYTES = 3_000;
    private static final int CALLS_PER_TICK = 3;
    private static final int TICKS = 20;
    private static final Set<String> SPOOLED_IDS = Set.copyOf(TestLines.ids(0, SPOOLED));

    @TempDir
    Path dir;

    /** Holds every call until the test grants it (or opens up); records the events of each call it answered. */
    private static final class MeteredDestination implements Destination {
        private final Semaphore grants = new Semaphore(0);
        private final AtomicInteger started = new AtomicInteger();
        private final List<List<EncodedEvent>> answered = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public long maxEventBytes() {
            return 1024 * 1024;
        }

        @Override
        public DeliveryReport deliver(List<EncodedEvent> events) {
            started.incrementAndGet();
            grants.acquireUninterruptibly();
            answered.add(List.copyOf(events));
            long bytes = events.stream().mapToLong(EncodedEvent::size).sum();
            return new DeliveryReport(events.size(), List.of(), 1, events.size(), bytes, null);
        }

        void tick(int calls) {
            grants.release(calls);
        }

        void open() {
            grants.release(Integer.MAX_VALUE / 2);
        }
    }

    private EcomlogClient.Builder client(Destination destination) {
        // a live batch is due only when full: the linger never decides
        return EcomlogClient.builder().destination(destination).producerId("test").shutdownHook(false)
                .spoolDirectory(dir).linger(Duration.ofHours(1)).batchBytes(BATCH_BYTES);
    }

    private void spool(int n) {
        var down = new ScriptedDestination(NAME).mode(ScriptedDestination.Mode.DOWN);
        try (var first = client(down).linger(Duration.ofMillis(20)).recordTtl(Duration.ofMillis(50)).build()) {
            for (int i = 0; i < n; i++) {
                first.submitJson(TestLines.line(i));
            }
            assertThat(first.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(first.stats().destination(NAME).spooled()).isEqualTo(n);
        }
    }

    private static boolean replayed(List<EncodedEvent> call) {
        boolean replay = SPOOLED_IDS.contains(call.get(0).eventId());
        assertThat(call).as("a call carries live or replayed events, never both").allSatisfy(e ->
                assertThat(SPOOLED_IDS.contains(e.eventId())).isEqualTo(replay));
        return replay;
    }

    @ParameterizedTest(name = "replaySharePercent {0}")
    @ValueSource(ints = {50, 20, 80})
    void whileLiveEventsWaitTheReplayTakesAtMostItsShareOfCallsAndBytesAndLiveEventsTheRest(int percent) {
        spool(SPOOLED);
        var destination = new MeteredDestination();
        var client = client(destination).replaySharePercent(percent).build();
        try {
            // the first call is the replay's alone: no live event exists yet
            await().atMost(30, SECONDS).until(() -> destination.started.get() == 1);
            for (int i = SPOOLED; i < SPOOLED + LIVE; i++) {
                client.submitJson(TestLines.line(i));
            }
            await().atMost(30, SECONDS).until(() -> client.stats().destination(NAME).pending() == LIVE);

            for (int tick = 1; tick <= TICKS; tick++) {
                destination.tick(CALLS_PER_TICK);
                int granted = tick * CALLS_PER_TICK;
                await().atMost(30, SECONDS).until(() -> destination.started.get() == granted + 1);
            }
            var calls = destination.answered;
            assertThat(calls).hasSize(TICKS * CALLS_PER_TICK);
            assertThat(replayed(calls.get(0))).as("the first call, before live events came").isTrue();

            var contended = calls.subList(1, calls.size());
            long liveCalls = 0;
            long liveBytes = 0;
            long replayCalls = 0;
            long replayBytes = 0;
            for (var call : contended) {
                long bytes = call.stream().mapToLong(EncodedEvent::size).sum();
                if (replayed(call)) {
                    replayCalls++;
                    replayBytes += bytes;
                } else {
                    liveCalls++;
                    liveBytes += bytes;
                }
            }
            String seen = liveCalls + " live calls (" + liveBytes + " bytes), " + replayCalls + " replay calls ("
                    + replayBytes + " bytes)";
            assertThat(liveCalls * 100).as("live calls keep %d %%: %s", 100 - percent, seen)
                    .isGreaterThanOrEqualTo((100L - percent) * contended.size());
            assertThat(liveBytes * 100).as("live bytes keep %d %%: %s", 100 - percent, seen)
                    .isGreaterThanOrEqualTo((100L - percent) * (liveBytes + replayBytes));
            assertThat(replayCalls * 100).as("the replay gets its %d %%, give or take one call: %s", percent, seen)
                    .isGreaterThanOrEqualTo((long) percent * contended.size() - 100);

            var drain = client.stats().destination(NAME).drain();
            assertThat(drain.liveCalls()).as("counted in the metrics").isEqualTo(liveCalls);
            assertThat(drain.liveBytes()).isEqualTo(liveBytes);
            assertThat(drain.replayCalls()).isEqualTo(replayCalls);
            assertThat(drain.replayBytes()).isEqualTo(replayBytes);

            destination.open();
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
            await().atMost(30, SECONDS).until(() -> client.stats().destination(NAME).spoolBytes() == 0);
        } finally {
            destination.open();
            client.close(Duration.ofSeconds(10));
        }
        var ids = destination.answered.stream().flatMap(List::stream).map(EncodedEvent::eventId).toList();
        assertThat(ids).as("every event once").hasSize(SPOOLED + LIVE);
        assertThat(new HashSet<>(ids)).containsExactlyInAnyOrderElementsOf(TestLines.ids(0, SPOOLED + LIVE));
    }

    @Test
    void withNoLiveEventsWaitingTheReplayTakesEveryCallAndNothingCountsAsShared() {
        spool(SPOOLED);
        var destination = new MeteredDestination();
        var client = client(destination).build();
        try {
            for (int tick = 1; tick <= TICKS; tick++) {
                destination.tick(CALLS_PER_TICK);
                int granted = tick * CALLS_PER_TICK;
                await().atMost(30, SECONDS).until(() -> destination.started.get() == granted + 1);
            }
            assertThat(destination.answered).hasSize(TICKS * CALLS_PER_TICK)
                    .allSatisfy(call -> assertThat(replayed(call)).isTrue());
            var drain = client.stats().destination(NAME).drain();
            assertThat(drain.replayCalls() + drain.liveCalls()).isZero();
            destination.open();
            await().atMost(30, SECONDS).until(() -> client.stats().destination(NAME).spoolBytes() == 0);
        } finally {
            destination.open();
            client.close(Duration.ofSeconds(10));
        }
        assertThat(destination.answered.stream().mapToLong(List::size).sum()).isEqualTo(SPOOLED);
    }
}
