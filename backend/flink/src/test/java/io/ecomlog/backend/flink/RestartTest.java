package io.ecomlog.backend.flink;

import io.ecomlog.alert.Alert;
import io.ecomlog.alert.AlertCodec;
import io.ecomlog.backend.flink.connect.Connections;
import io.ecomlog.backend.flink.connect.LakeConnectors;
import io.ecomlog.backend.flink.settings.JobSettings;
import io.ecomlog.backend.flink.settings.Parameters;
import io.ecomlog.kpi.KpiCodec;
import io.ecomlog.kpi.SalesKpi;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job restarted from a checkpoint or a savepoint neither loses nor repeats alerts: the public samples with their
 * injected anomalies, run once straight through (the reference), then stopped with a savepoint part-way and resumed,
 * then failed part-way and recovered by the restart strategy.
 */
@Timeout(180)
class RestartTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.twoSlots();

    private static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();
    private static List<byte[]> records;
    private static GraphRun.Result reference;

    @BeforeAll
    static void runStraightThrough() throws Exception {
        records = Scenario.pack(PublicTraffic.withAnomalies(), 20);
        reference = GraphRun.run(records, JobSettings.defaults(), 2);
        assertThat(reference.alerts()).hasSizeGreaterThanOrEqualTo(PublicTraffic.injectedFindings().size());
    }

    @Test
    void stoppedWithASavepointAndResumedTheAlertsAreExactlyThoseOfOneRun(@TempDir Path savepoints) throws Exception {
        Collected<byte[]> alerts = Collected.fresh("alerts");
        Collected<byte[]> kpis = Collected.fresh("kpis");

        var first = job(alerts, kpis);
        var running = first.executeAsync("before the savepoint");
        Thread.sleep(1_200); // about a third of the records at 100 a second
        String savepoint = running.stopWithSavepoint(false, savepoints.toUri().toString(),
                SavepointFormatType.CANONICAL).get();
        int alertsBefore = alerts.items().size();

        var second = job(alerts, kpis);
        var graph = second.getStreamGraph();
        graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint));
        second.execute(graph);

        var result = GraphRun.result(alerts, kpis, Collected.fresh("late"));
        assertThat(alertsBefore).as("alerts raised before the stop").isBetween(1, result.alerts().size() - 1);
        assertThat(ids(result.alerts())).isEqualTo(ids(reference.alerts()));
        assertThat(kpiIds(result.kpis())).isEqualTo(kpiIds(reference.kpis()));
    }

    @Test
    void failedPartWayAndRecoveredFromTheLastCheckpointTheCommittedAlertsAreExactlyThoseOfOneRun(
            @TempDir Path output) throws Exception {
        var env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.configure(GraphRun.noKryo());
        EcomlogJobs.configureRuntime(env, new Parameters(Map.of("ecomlog.runtime.checkpoint.interval", "200ms")));
        // production restarts without limit; here a failure that is not the injected one must fail the test
        var limited = new Configuration();
        limited.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        limited.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        limited.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        env.configure(limited);
        int failAt = records.size() / 4;
        var source = PacedRecords.of(records, 100, index -> {
            if (index == failAt && FAILED_ONCE.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure at record " + index);
            }
        });
        var outputs = AnalyticsGraph.build(source.apply(env), JobSettings.defaults());
        var files = new Connections(Connections.SourceType.FILES, null, null, "unused", null,
                Connections.SourceOrder.ANY, Connections.SinkType.FILES, null, output.toString(), null, null);
        outputs.alerts().union(outputs.kpis()).sinkTo(LakeConnectors.sink(files)).uid("files");

        env.execute("failing once");

        assertThat(FAILED_ONCE).isTrue();
        var alerts = new ArrayList<Alert>();
        var kpis = new ArrayList<SalesKpi>();
        for (byte[] line : committedLines(output)) {
            if (KpiCodec.isKpi(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line))) {
                kpis.add(new KpiCodec().decode(line));
            } else {
                alerts.add(new AlertCodec().decode(line));
            }
        }
        assertThat(ids(alerts)).isEqualTo(ids(reference.alerts()));
        assertThat(kpiIds(kpis)).isEqualTo(kpiIds(reference.kpis()));
    }

    private static StreamExecutionEnvironment job(Collected<byte[]> alerts, Collected<byte[]> kpis) {
        var env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(200);
        var outputs = AnalyticsGraph.build(PacedRecords.of(records, 100).apply(env), JobSettings.defaults());
        outputs.alerts().addSink(alerts).uid("alerts");
        outputs.kpis().addSink(kpis).uid("kpis");
        return env;
    }

    /** The lines of the part files the file sink committed (in-progress files are hidden, with a leading dot). */
    private static List<byte[]> committedLines(Path folder) throws Exception {
        var lines = new ArrayList<byte[]>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    lines.add(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return lines;
    }

    /** Alert ids sorted, repeats kept: equal lists mean nothing lost and nothing repeated. */
    private static List<String> ids(List<Alert> alerts) {
        return alerts.stream().map(Alert::alertId).sorted().toList();
    }

    private static List<String> kpiIds(List<SalesKpi> kpis) {
        return kpis.stream().map(SalesKpi::kpiId).sorted().toList();
    }
}
