package io.ecomlog.backend.flink;

import io.ecomlog.record.RecordCodec;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Input that is not an event is counted by reason and never costs the good events beside it. */
class BadInputTest {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void badLinesAndRecordsAreCountedByReasonAndTheGoodEventsStillAlert() throws Exception {
        var s = new Scenario();
        BotDetectionTest.times(s, "u-bot", "10.6.0.1", 11, 0, 500);
        s.duplicateOf(1);
        var good = s.records();
        var records = new ArrayList<byte[]>(good.subList(0, 10));
        String unknownType = new String(good.get(0), StandardCharsets.UTF_8)
                .replace("product_viewed", "teleported").replace("00000000001\"", "00000000099\"");
        // a packed record: the eleventh good event between a line that is not JSON and one of an unknown type
        records.add(RecordCodec.gzip(("{oops\n" + new String(good.get(10), StandardCharsets.UTF_8) + "\n"
                + unknownType + "\n").getBytes(StandardCharsets.UTF_8)));
        records.add("not json at all".getBytes(StandardCharsets.UTF_8));
        records.add(new byte[] {0x1f, (byte) 0x8b, 1, 2}); // gzip magic, then nothing that inflates
        records.add(good.get(11)); // the duplicate

        var env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.configure(GraphRun.noKryo());
        var outputs = AnalyticsGraph.build(env.fromData(
                org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO,
                records.toArray(new byte[0][])), GraphRun.settings(Map.of("jobs", "bot")));
        Collected<byte[]> alerts = Collected.fresh("alerts");
        outputs.alerts().addSink(alerts);
        var job = env.executeAsync("bad input");
        job.getJobExecutionResult().get();

        var result = GraphRun.result(alerts, Collected.fresh("kpis"), Collected.fresh("late"));
        assertThat(result.alertLines()).containsExactly("bot_ip 10.6.0.1 11 +0s", "bot_user u-bot 11 +0s");
        var counters = counters();
        assertThat(counters).containsEntry("records", 14L).containsEntry("events", 12L)
                .containsEntry("rejected.not_JSON", 2L).containsEntry("rejected.unknown_event_type", 1L)
                .containsEntry("rejected.broken_gzip", 1L).containsEntry("duplicates", 1L);
    }

    /** The ecomlog counters (this class runs one job), summed over subtasks, by the name after {@code ecomlog.}. */
    private static Map<String, Long> counters() {
        var sums = new TreeMap<String, Long>();
        METRICS.getMetricsByGroup().forEach((group, metrics) -> metrics.forEach((name, metric) -> {
            String identifier = group.getMetricIdentifier(name);
            int at = identifier.indexOf(".ecomlog.");
            if (at >= 0 && metric instanceof Counter counter) {
                sums.merge(identifier.substring(at + ".ecomlog.".length()), counter.getCount(), Long::sum);
            }
        }));
        return sums;
    }
}
