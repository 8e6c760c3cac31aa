package io.ecomlog.backend.flink;

import io.ecomlog.alert.AlertCodec;
import io.ecomlog.backend.flink.settings.JobSettings;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.SinkFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Figures for docs/benchmarks.md (never a pass/fail on speed): events per second through the bot job and through all
 * three jobs, parallelism 2 on the test MiniCluster, from an in-memory source of pre-encoded records (packed, gzip,
 * 100 events a record); alert latency from the window firing (the watermark passing its end) to the alert record at
 * the sink; and records written downstream per million events against the seeds' count-per-user-and-window job.
 *
 * <p>{@code ./mvnw -o -B -pl backend/flink -am verify -DskipBenchmarks=false -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false} ({@code -Decomlog.bench.events=} to change the million).
 */
class FlinkThroughputBenchmark {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.twoSlots();

    /** Read by the generator in this JVM (the MiniCluster's), so the records are not shipped in the job graph. */
    private static volatile byte[][] records;
    private static final ConcurrentLinkedQueue<Long> LATENCIES = new ConcurrentLinkedQueue<>();
    private static final AtomicLong KPIS = new AtomicLong();

    @Test
    void throughputLatencyAndDownstreamRecords() throws Exception {
        int events = Integer.getInteger("ecomlog.bench.events", 1_000_000);
        long t = System.nanoTime();
        var traffic = SyntheticTraffic.generate(events, 100);
        records = traffic.records.toArray(new byte[0][]);
        System.out.printf("generated and encoded %,d events (%,d bots) into %,d records in %.1f s%n",
                traffic.events, traffic.bots, records.length, (System.nanoTime() - t) / 1e9);

        t = System.nanoTime();
        var reader = new io.ecomlog.reader.RecordReader(new io.ecomlog.codec.EventCodec());
        long decoded = 0;
        for (byte[] record : records) {
            for (var event : reader.read(record).events()) {
                decoded += io.ecomlog.backend.flink.input.ShopEvents.of(event).eventTime() > 0 ? 1 : 0;
            }
        }
        double decodeSeconds = (System.nanoTime() - t) / 1e9;
        System.out.printf("decode only (gunzip, parse, ShopEvent), one thread, no Flink: %,.0f events/s%n",
                decoded / decodeSeconds);

        var bot = GraphRun.settings(Map.of("jobs", "bot"));
        var all = JobSettings.defaults();
        run("warm-up, bot job", bot, 0);
        Run botRun = run("bot job", bot, 0);
        Run allRun = run("all three jobs", all, 0);
        // latency on a live-like stream: 20,000 events a second, far under the capacity measured above
        Run paced = run("all three jobs at 20,000 events/s", all, 200);

        double perMillion = 1e6 / traffic.events;
        System.out.println();
        System.out.println("| run | events/s | alerts | KPI records | alert latency p50 / p99 / max (ms) |");
        System.out.println("|---|---|---|---|---|");
        for (Run r : List.of(botRun, allRun, paced)) {
            System.out.printf("| %s | %,.0f | %d | %d | %d / %d / %d |%n", r.name, traffic.events / r.seconds,
                    r.alerts, r.kpis, r.p50, r.p99, r.max);
        }
        System.out.printf("%nrecords written downstream per 1 M events: ecomlog %.1f (bot alerts), seeds' approach "
                + "%,.0f (a count per user and 10 s window)%n", botRun.alerts * perMillion,
                traffic.seedsCountRecords() * perMillion);
        assertThat(botRun.alerts).as("every injected bot found (user and IP)").isEqualTo(2 * traffic.bots);
    }

    private record Run(String name, double seconds, long alerts, long kpis, long p50, long p99, long max) {
    }

    private static Run run(String name, JobSettings settings, double recordsPerSecond) throws Exception {
        LATENCIES.clear();
        KPIS.set(0);
        var env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.configure(GraphRun.noKryo());
        env.enableCheckpointing(10_000);
        int n = records.length;
        GeneratorFunction<Long, byte[]> interleaved = index -> {
            // two equal splits; subtask k reads records k, k + 2, ...: both move through event time together
            int perSplit = n / 2;
            int split = (int) (index / perSplit);
            return records[(int) (index % perSplit) * 2 + split];
        };
        var source = new DataGeneratorSource<>(interleaved, n, recordsPerSecond > 0
                ? RateLimiterStrategy.perSecond(recordsPerSecond) : RateLimiterStrategy.noOp(),
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
        var outputs = AnalyticsGraph.build(env.fromSource(source, WatermarkStrategy.noWatermarks(), "records"),
                settings);
        outputs.alerts().addSink(new LatencySink());
        if (outputs.kpis() != null) {
            outputs.kpis().addSink(new SinkFunction<>() {
                @Override
                public void invoke(byte[] value, Context context) {
                    KPIS.incrementAndGet();
                }
            });
        }
        long start = System.nanoTime();
        env.execute(name);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(LATENCIES);
        Collections.sort(sorted);
        var run = new Run(name, seconds, sorted.size(), KPIS.get(), percentile(sorted, 50), percentile(sorted, 99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
        System.out.printf("%s: %.2f s, %d alerts%n", name, seconds, run.alerts);
        return run;
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    /** Milliseconds from an alert's detection (the window firing) to its arrival here. */
    static final class LatencySink implements SinkFunction<byte[]> {
        private transient AlertCodec codec;

        @Override
        public void invoke(byte[] record, Context context) {
            if (codec == null) {
                codec = new AlertCodec();
            }
            LATENCIES.add(System.currentTimeMillis() - codec.decode(record).detectedAt().toEpochMilli());
        }
    }
}
