package io.ecomlog.backend.flink;

import io.ecomlog.alert.AlertCodec;
import io.ecomlog.backend.flink.settings.Parameters;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.kpi.KpiCodec;
import io.ecomlog.pipeline.EcomlogClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backfill of history from the local lake: the lake is read in the time order of its partitions
 * ({@code ecomlog.source.order=time}) with an hour of out-of-orderness, so event time passes hour by hour, every
 * minute's KPI window fires with all of its orders, and a real customer's pace raises no bot alert.
 */
class BackfillTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.twoSlots();

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;

    @Test
    void aDayOfHistoryWrittenOutOfOrderIsWindowedInEventTime(@TempDir java.nio.file.Path lake,
                                                            @TempDir java.nio.file.Path out) throws Exception {
        // eight hours: an order every 7 minutes, a customer browsing every 40 s, one bot burst in hour 5
        var s = new Scenario();
        var ordersPerMinute = new TreeMap<Long, Integer>();
        for (long t = 0; t < 8 * HOUR; t += 7 * MINUTE) {
            s.order("shop-a", "s-" + t, t, "10.00", "GBP", "p-1", 1);
            ordersPerMinute.merge(t / MINUTE, 1, Integer::sum);
        }
        for (long t = 0; t < 8 * HOUR; t += 40_000) {
            s.view("regular", "10.0.0.7", t);
        }
        BotDetectionTest.times(s, "u-bot", "10.5.0.1", 12, 5 * HOUR + 30_000, 400);
        // the lake is written newest hour first, so neither file names nor write order follow event time
        var byHour = new TreeMap<Long, List<EcomEvent>>(Collections.reverseOrder());
        s.events().forEach(e -> byHour.computeIfAbsent(e.eventTime().toEpochMilli() / HOUR, h -> new ArrayList<>())
                .add(e));
        try (var client = EcomlogClient.builder().localLake(lake).producerId("backfill").shutdownHook(false)
                .spoolDirectory(lake.resolve("../spool-backfill")).linger(Duration.ofMillis(20)).build()) {
            for (var hour : byHour.values()) {
                hour.forEach(client::track);
                assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
            }
        }

        var env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        EcomlogJobs.attach(env, new Parameters(Map.of(
                "ecomlog.source.type", "files",
                "ecomlog.source.path", lake.toString(),
                "ecomlog.source.monitor.interval", "0s",
                "ecomlog.source.order", "time",
                "ecomlog.jobs.watermark.out.of.orderness", "1h",
                "ecomlog.sink.type", "files",
                "ecomlog.sink.path", out.toString(),
                "ecomlog.runtime.checkpoint.interval", "500ms")));
        env.execute("backfill");

        var alerts = new TreeSet<String>();
        var kpiOrders = new TreeMap<Long, Integer>();
        try (Stream<java.nio.file.Path> files = Files.walk(out)) {
            for (var file : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                    if (line.contains("\"record_type\":\"sales_kpi\"")) {
                        var kpi = new KpiCodec().decode(bytes);
                        if (kpi.orders() > 0) {
                            kpiOrders.merge((kpi.windowStart().toEpochMilli() - Scenario.T0.toEpochMilli()) / MINUTE,
                                    (int) kpi.orders(), Integer::sum);
                        }
                    } else {
                        var alert = new AlertCodec().decode(bytes);
                        alerts.add(alert.kind() + " " + alert.key());
                    }
                }
            }
        }
        assertThat(kpiOrders).isEqualTo(ordersPerMinute);
        assertThat(alerts).contains("bot_user u-bot").doesNotContain("bot_user regular", "bot_ip 10.0.0.7");
    }
}
