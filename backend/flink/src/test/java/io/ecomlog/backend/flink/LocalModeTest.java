package io.ecomlog.backend.flink;

import io.ecomlog.alert.AlertCodec;
import io.ecomlog.backend.flink.settings.Parameters;
import io.ecomlog.kpi.KpiCodec;
import io.ecomlog.pipeline.EcomlogClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local mode's wiring of the same application: the client writes the local data lake (hive-partitioned NDJSON.gz
 * objects), the job reads it with the file source and writes alert and KPI lines to a folder.
 */
class LocalModeTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.twoSlots();

    @Test
    void theLakeTheClientWroteInAlertAndKpiFilesOut(@TempDir Path lake, @TempDir Path out) throws Exception {
        var s = new Scenario();
        BotDetectionTest.times(s, "u-bot", "10.5.0.1", 12, 0, 400);
        s.order("shop-a", "s-1", 5_000, "12.50", "EUR", "p-1", 2);
        try (var client = EcomlogClient.builder().localLake(lake).producerId("local-test").shutdownHook(false)
                .spoolDirectory(lake.resolve("../spool-local-test")).linger(Duration.ofMillis(20)).build()) {
            s.events().forEach(client::track);
            assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
        }
        try (Stream<Path> objects = Files.walk(lake)) {
            assertThat(objects.filter(p -> p.toString().endsWith(".gz"))).isNotEmpty();
        }

        var env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        EcomlogJobs.attach(env, new Parameters(Map.of(
                "ecomlog.source.type", "files",
                "ecomlog.source.path", lake.toString(),
                "ecomlog.source.monitor.interval", "0s", // read what is there, then finish
                "ecomlog.sink.type", "files",
                "ecomlog.sink.path", out.toString(),
                "ecomlog.runtime.checkpoint.interval", "500ms")));
        env.execute("local mode");

        var alerts = new TreeSet<String>();
        var kpis = new TreeSet<String>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    byte[] bytes = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    if (line.contains("\"record_type\":\"sales_kpi\"")) {
                        var kpi = new KpiCodec().decode(bytes);
                        kpis.add(kpi.shop() + " " + kpi.orders() + " " + kpi.revenueByCurrency());
                    } else {
                        var alert = new AlertCodec().decode(bytes);
                        alerts.add(alert.kind() + " " + alert.key() + " " + alert.count());
                    }
                }
            }
        }
        assertThat(alerts).containsExactly("bot_ip 10.5.0.1 12", "bot_user u-bot 12");
        assertThat(kpis).containsExactly("shop-a 1 {EUR=12.50}");
    }
}
