package io.ecomlog.benchmarks;

import io.ecomlog.event.EcomEvent;
import io.ecomlog.metrics.DeliveryStats;
import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.pipeline.OverflowPolicy;
import io.ecomlog.testing.LocalAws;
import io.ecomlog.transport.LocalFolderStore;
import io.ecomlog.transport.ObjectStoreDestination;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What {@link EcomlogClient#track} costs the calling thread: latency per call (SampleTime gives the percentiles) and,
 * with {@code -prof gc}, bytes allocated per call.
 *
 * <p>Destinations ({@code dest}):
 * <ul>
 *   <li>{@code up}: Kinesis (SDK v2, CBOR) pointed at a {@link CountingEndpoint} that answers at once;</li>
 *   <li>{@code down}: Kinesis pointed at a closed port of 127.0.0.1 (connection refused), with a 200 ms record TTL
 *       and a folder as the backup, so events go through retries, the circuit breaker and the backup.</li>
 * </ul>
 * Calls are paced ({@code paceNanos}, default one call every 10 µs = 100,000 events/s from one thread) by a spin in
 * an invocation-level setup, which SampleTime leaves out of the timings: unpaced, the benchmark thread would offer
 * millions of events per second, the queue would be full all the time and the figures would be those of the
 * drop-newest rejection path. Whatever was dropped anyway is printed at the end of each trial.
 *
 * <p>{@code -prof gc}'s {@code gc.alloc.rate.norm} counts the allocations of <em>every</em> thread of the JVM (JMH
 * 1.37 uses the JVM-wide counter), so it is the whole pipeline's allocation per tracked event. The calling thread's
 * own allocation per call is printed at the end of each trial ("caller thread: N B/op").
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class TrackBenchmark extends PacedBenchmark {

    @Param({"up", "down"})
    public String dest;


    private CountingEndpoint endpoint;
    private KinesisClient kinesis;
    private EcomlogClient client;
    private Path backupDir;
    private EcomEvent event;


    @Setup(Level.Trial)
    public void start() throws IOException {
        backupDir = Files.createTempDirectory("ecomlog-bench-backup");
        var builder = EcomlogClient.builder()
                .overflowPolicy(OverflowPolicy.DROP_NEWEST)
                .producerId("bench")
                .shutdownHook(false);
        switch (dest) {
            case "up" -> {
                endpoint = CountingEndpoint.start();
                kinesis = LocalAws.configure(KinesisClient.builder(), endpoint.uri()).build();
            }
            case "down" -> {
                int closedPort = LocalAws.freePort(); // free a moment ago, nobody listens: connection refused
                kinesis = LocalAws.configure(KinesisClient.builder(), LocalAws.httpEndpoint(closedPort),
                        LocalAws.noRetries()).build();
                var store = new LocalFolderStore(backupDir);
                builder.recordTtl(Duration.ofMillis(200))
                        .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
                        .backup(producer -> new ObjectStoreDestination(store, "backup", producer));
            }
            default -> throw new IllegalArgumentException("dest must be up or down, was " + dest);
        }
        client = builder.kinesis(kinesis, "bench-stream").build();
        event = SampleEvents.productViewed(42);
    }


    /** track() of a pre-built event: the client's cost alone. */
    @Benchmark
    public boolean track() {
        return client.track(event);
    }

    /** Building the event (ids, time, validation) and tracking it: what the application pays per event. */
    @Benchmark
    public boolean buildAndTrack() {
        return client.track(SampleEvents.productViewed(caller.calls()));
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        boolean closed = client.close(Duration.ofSeconds(20));
        DeliveryStats stats = client.stats();
        var d = stats.destinations().get(0);
        System.out.printf("%n[%s] %s%n", dest, caller.summary());
        System.out.printf("[%s] accepted %d, dropped %d %s; sent %d, backed up %d, spooled %d, calls %d (failed %d),"
                        + " breaker %s; closed in time %s%n", dest, stats.accepted(), stats.droppedTotal(),
                nonZero(stats.dropped()), d.sent(), d.backedUpTotal(), d.spooled(), d.calls(), d.failedCalls(),
                d.breaker(), closed);
        if (endpoint != null) {
            var k = endpoint.kinesis();
            System.out.printf("[%s] endpoint: %d calls, %d records, %d events, %.1f events/record%n", dest,
                    k.calls(), k.records(), k.events(), k.eventsPerRecord());
            endpoint.close();
        }
        kinesis.close();
        try (Stream<Path> files = Files.walk(backupDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static Map<?, Long> nonZero(Map<?, Long> counts) {
        var out = new TreeMap<String, Long>();
        counts.forEach((k, v) -> {
            if (v != 0) {
                out.put(String.valueOf(k), v);
            }
        });
        return out;
    }
}
