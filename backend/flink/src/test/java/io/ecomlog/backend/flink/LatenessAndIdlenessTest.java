package io.ecomlog.backend.flink;

import io.ecomlog.alert.AlertCodec;
import io.ecomlog.backend.flink.settings.JobSettings;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.source.RichParallelSourceFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event time on a live stream: out-of-order events within the bound count, events after the window closed are late
 * (counted, or still counted within the allowed lateness), and a partition with no traffic does not stall the
 * windows of the others.
 */
class LatenessAndIdlenessTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.twoSlots();

    /** u-late: ten in [0 s, 10 s); u-ooo: eleven out of order within 5 s; a clock event at 20 s; then u-late again. */
    private static Scenario lateScenario() {
        var s = new Scenario();
        BotDetectionTest.times(s, "u-late", "10.9.0.1", 10, 0, 1000);
        for (long t : new long[] {9000, 4500, 8000, 4100, 7000, 5000, 6000, 4200, 9900, 4300, 8500}) {
            s.view("u-ooo", "10.9.0.2", t);
        }
        s.view("u-clock", "10.9.0.3", 20_000); // the watermark passes 15 s: [0 s, 10 s) closes
        s.view("u-late", "10.9.0.1", 9_500);   // event 23: too late for a closed window
        s.view("u-clock", "10.9.0.3", 40_000);
        return s;
    }

    @Test
    void outOfOrderEventsWithinTheBoundCountLateOnesAreCountedAside() throws Exception {
        var settings = GraphRun.settings(Map.of("jobs", "bot", "allowed.lateness", "0s"));

        var result = GraphRun.run(PacedRecords.of(lateScenario().records(), 50), settings, 1);

        assertThat(result.alertLines()).containsExactly("bot_ip 10.9.0.2 11 +0s", "bot_user u-ooo 11 +0s");
        // late for both the per-user and the per-IP window
        assertThat(result.lateEventIds()).containsExactly(Scenario.id(23), Scenario.id(23));
    }

    @Test
    void withinTheAllowedLatenessALateEventStillCountsAndRaisesItsAlertOnce() throws Exception {
        var settings = GraphRun.settings(Map.of("jobs", "bot", "allowed.lateness", "30s"));

        var result = GraphRun.run(PacedRecords.of(lateScenario().records(), 50), settings, 1);

        assertThat(result.alertLines()).containsExactly("bot_ip 10.9.0.1 11 +0s", "bot_ip 10.9.0.2 11 +0s",
                "bot_user u-late 11 +0s", "bot_user u-ooo 11 +0s");
        assertThat(result.lateEventIds()).isEmpty();
    }

    @Test
    void aQuietPartitionDoesNotStallTheWindowsOfTheBusyOne() throws Exception {
        var s = new Scenario();
        BotDetectionTest.times(s, "u-bot", "10.8.0.1", 11, 0, 500);
        s.view("u-clock", "10.8.0.2", 20_000);
        var idleAfterHalfASecond = GraphRun.settings(Map.of("jobs", "bot", "watermark.idleness", "500ms"));

        assertThat(alertsWhileRunning(s.records(), idleAfterHalfASecond, 2, Duration.ofSeconds(30)))
                .containsExactlyInAnyOrder("bot_user u-bot", "bot_ip 10.8.0.1");
        // without idleness the quiet partition holds the watermark back: nothing fires while it stays quiet
        var neverIdle = GraphRun.settings(Map.of("jobs", "bot", "watermark.idleness", "1h"));
        assertThat(alertsWhileRunning(s.records(), neverIdle, 1, Duration.ofSeconds(3))).isEmpty();
    }

    /**
     * Runs the graph over a two-partition live source whose first partition sends the records and then stays open
     * and the second sends nothing; returns the alerts (kind and key) seen once {@code enough} arrived or
     * {@code wait} passed, then cancels the job.
     */
    private static List<String> alertsWhileRunning(List<byte[]> records, JobSettings settings, int enough,
                                                   Duration wait) throws Exception {
        var env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.configure(GraphRun.noKryo());
        var outputs = AnalyticsGraph.build(env.addSource(new OnePartitionBusy(records),
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO), settings);
        Collected<byte[]> alerts = Collected.fresh("alerts");
        outputs.alerts().addSink(alerts);
        var job = env.executeAsync("idle partition");
        try {
            long deadline = System.nanoTime() + wait.toNanos();
            while (alerts.items().size() < enough && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            job.cancel().get();
        }
        var codec = new AlertCodec();
        return alerts.items().stream().map(codec::decode).map(a -> a.kind() + " " + a.key()).toList();
    }

    /** Partition 0 sends the records, then idles; partition 1 never sends. Both run until cancelled. */
    static final class OnePartitionBusy extends RichParallelSourceFunction<byte[]> {
        private final ArrayList<byte[]> records;
        private volatile boolean running = true;

        OnePartitionBusy(List<byte[]> records) {
            this.records = new ArrayList<>(records);
        }

        @Override
        public void run(SourceContext<byte[]> ctx) throws Exception {
            if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
                for (byte[] record : records) {
                    synchronized (ctx.getCheckpointLock()) {
                        ctx.collect(record);
                    }
                    Thread.sleep(20);
                }
            }
            while (running) {
                Thread.sleep(50);
            }
        }

        @Override
        public void cancel() {
            running = false;
        }
    }
}
