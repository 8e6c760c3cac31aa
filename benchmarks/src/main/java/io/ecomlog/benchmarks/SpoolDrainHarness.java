package io.ecomlog.benchmarks;

import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.record.EncodedEvent;
import io.ecomlog.spool.DiskSpool;
import io.ecomlog.testing.KinesisFaultStub;
import io.ecomlog.testing.LocalAws;
import io.ecomlog.testing.OutageMode;
import io.ecomlog.transport.DeliveryReport;
import io.ecomlog.transport.Destination;
import io.ecomlog.transport.FailureKind;
import io.ecomlog.transport.KinesisBatchApi;
import io.ecomlog.transport.RecordLimits;
import io.ecomlog.transport.RecordStreamDestination;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The spool under live traffic: steady traffic into kinesis-local behind the fault proxy, an outage (connections
 * reset) of 15 s or 60 s, recovery; measures the time from recovery to an empty spool and the latency of live events
 * (accepted to delivered) while the spool drains; "lost" and "twice" count the events the stream acknowledged never or
 * more than once (kinesis-local is too slow to be read back after a 3,000 events/s run; the exact-once check by an
 * independent reader is SpoolReplayUnderLoadTest's). Then the spool's files for 10,000 events spooled in the small
 * batches of a 300 events/s outage, one file per batch (before coalescing) and coalesced (now).
 *
 * <p>Two targets: {@code counting} (default), the {@link CountingEndpoint} that answers PutRecords at once, with the
 * outage as connection failures at the destination (what the breaker sees of a refused connection), so the figures
 * are the client's; and {@code kinesis-local}, the stand-in behind the fault proxy resetting connections, which is
 * itself the bottleneck above ~1 MB/s.
 *
 * <pre>
 * java -Decomlog.standins.dir=tools/standins -cp benchmarks/target/benchmarks.jar \
 *     io.ecomlog.benchmarks.SpoolDrainHarness [--outages 15,60] [--rates 300,3000] [--target counting|kinesis-local]
 * </pre>
 */
public final class SpoolDrainHarness {

    private SpoolDrainHarness() {
    }

    public static void main(String[] args) throws Exception {
        var outages = intList(args, "--outages", "15,60");
        var rates = intList(args, "--rates", "300,3000");
        int at = Arrays.asList(args).indexOf("--target");
        boolean counting = at < 0 || !"kinesis-local".equals(args[at + 1]);
        System.out.println("target: " + (counting ? "counting endpoint" : "kinesis-local behind the fault proxy"));
        System.out.println("| outage | events/s | events | spooled | recovery → breaker closed | breaker closed → spool"
                + " empty | recovery → spool empty | live p50 | live p99 | live max | live events in the drain | lost"
                + " | twice | drain calls live / replay | drain MB live / replay |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int outage : outages) {
            for (int rate : rates) {
                run(outage, rate, counting);
            }
        }
        segments();
        System.exit(0); // the shared stand-ins' threads
    }

    // ---------------------------------------------------------------- drain under load

    private static void run(int outageSeconds, int rate, boolean counting) throws Exception {
        KinesisFaultStub stub = counting ? null : KinesisFaultStub.shared();
        CountingEndpoint endpoint = counting ? CountingEndpoint.start() : null;
        String stream = "drain-" + outageSeconds + "-" + rate;
        if (!counting) {
            stream = stub.kinesisLocal().uniqueStreamName("drain");
            stub.kinesisLocal().createStream(stream, 2);
        }
        Path spoolDir = Files.createTempDirectory("ecomlog-drain");
        int capacity = rate * (outageSeconds + 180);
        var submitted = new long[capacity];
        var delivered = new long[capacity];
        var deliveries = new byte[capacity];
        var sdk = counting
                ? LocalAws.configure(KinesisClient.builder(), endpoint.uri(),
                        LocalAws.noRetries()).build()
                : stub.newClient(LocalAws.noRetries());
        var outage = new AtomicBoolean();
        var destination = new Timed(outage, new RecordStreamDestination(
                new KinesisBatchApi(sdk, stream, RecordLimits.KINESIS, false), false), delivered, deliveries);
        var client = EcomlogClient.builder().destination(destination).spoolDirectory(spoolDir)
                .producerId("drain").shutdownHook(false).build();
        var count = new AtomicInteger();
        var traffic = new Thread(() -> paced(client, rate, submitted, count), "traffic");
        traffic.setDaemon(true);
        traffic.start();

        TimeUnit.SECONDS.sleep(5);
        if (counting) {
            outage.set(true);
        } else {
            stub.faults().outage(stream, OutageMode.CONNECTION_RESET);
        }
        TimeUnit.SECONDS.sleep(outageSeconds);
        if (counting) {
            outage.set(false);
        } else {
            stub.faults().heal(stream);
        }
        long recovered = System.nanoTime();
        var name = destination.name();
        long closedAt = 0;
        int firstInDrain = -1;
        long emptyAt;
        while (true) {
            var d = client.stats().destination(name);
            if (closedAt == 0 && "CLOSED".equals(d.breaker())) {
                closedAt = System.nanoTime(); // the drain proper starts: live events go straight out again
                firstInDrain = count.get();
            }
            if (closedAt != 0 && d.spoolBytes() == 0 && d.pending() == 0) {
                emptyAt = System.nanoTime();
                break;
            }
            if (System.nanoTime() - recovered > TimeUnit.MINUTES.toNanos(10)) {
                throw new IllegalStateException("the spool did not drain within 10 minutes: " + d);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        int lastDuringDrain = count.get();
        TimeUnit.SECONDS.sleep(2);
        stopTraffic(traffic, count);
        client.flush(Duration.ofSeconds(60));
        var stats = client.stats().destination(name);
        client.close(Duration.ofSeconds(30));
        sdk.close();
        if (endpoint != null) {
            endpoint.close();
        }

        var latencies = new ArrayList<Long>();
        for (int i = firstInDrain; i < lastDuringDrain; i++) {
            if (delivered[i] > 0 && delivered[i] <= emptyAt) {
                latencies.add(delivered[i] - submitted[i]);
            }
        }
        latencies.sort(null);
        int total = count.get();
        int lost = 0;
        int twice = 0;
        for (int i = 0; i < total; i++) {
            lost += deliveries[i] == 0 ? 1 : 0;
            twice += deliveries[i] > 1 ? 1 : 0;
        }
        var drain = stats.drain(); // calls while live events and the replay competed
        System.out.printf("| %d s | %,d | %,d | %,d | %.1f s | %.1f s | %.1f s | %s | %s | %s | %,d | %,d | %,d"
                        + " | %,d / %,d | %.1f / %.1f |%n",
                outageSeconds, rate, total, stats.spooled(), (closedAt - recovered) / 1e9, (emptyAt - closedAt) / 1e9,
                (emptyAt - recovered) / 1e9, ms(latencies, 0.5), ms(latencies, 0.99),
                ms(latencies, 1.0), latencies.size(), lost, twice, drain.liveCalls(), drain.replayCalls(),
                drain.liveBytes() / 1e6, drain.replayBytes() / 1e6);
        deleteTree(spoolDir);
    }

    /** Events of one id scheme: the index in the id tells when the event was submitted. */
    private static byte[] line(int i) {
        return ("{\"event_id\":\"" + id(i) + "\",\"event_type\":\"product_viewed\",\"schema_version\":1,"
                + "\"event_time\":\"2026-11-22T10:15:30.123Z\",\"session_id\":\"s-" + (i % 500) + "\","
                + "\"product_id\":\"p-" + i + "\",\"name\":\"Smartphone X\",\"brand\":\"acme\","
                + "\"category\":\"electronics/smartphone\",\"price\":\"199.99\",\"currency\":\"EUR\","
                + "\"page\":{\"url\":\"https://shop.example/p/" + i + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private static String id(int i) {
        return String.format("00000000-0000-7000-8000-%012d", i);
    }

    private static volatile boolean stop;

    private static void paced(EcomlogClient client, int rate, long[] submitted, AtomicInteger count) {
        stop = false;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long next = System.nanoTime();
        while (!stop && count.get() < submitted.length) {
            int i = count.get();
            submitted[i] = System.nanoTime();
            client.submitJson(line(i));
            count.incrementAndGet();
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    private static void stopTraffic(Thread traffic, AtomicInteger count) throws InterruptedException {
        stop = true;
        traffic.join(5_000);
    }

    /** Records when each event was delivered (the destination's answer), by the index in its id. */
    private record Timed(AtomicBoolean outage, Destination inner, long[] delivered,
                         byte[] deliveries) implements Destination {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public long maxEventBytes() {
            return inner.maxEventBytes();
        }

        @Override
        public DeliveryReport deliver(List<EncodedEvent> events) {
            if (outage.get()) {
                return DeliveryReport.allFailed(events, FailureKind.NETWORK,
                        new ConnectException("Connection refused (simulated outage)"));
            }
            var report = inner.deliver(events);
            long now = System.nanoTime();
            var failed = new HashSet<EncodedEvent>();
            report.failed().forEach(f -> failed.add(f.event()));
            for (var e : events) {
                if (!failed.contains(e)) {
                    int i = Integer.parseInt(e.eventId().substring(24));
                    if (delivered[i] == 0) {
                        delivered[i] = now;
                    }
                    deliveries[i]++;
                }
            }
            return report;
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    // ---------------------------------------------------------------- segments per 10,000 events

    private static void segments() throws Exception {
        System.out.println();
        System.out.println("| spool | segment files per 10,000 events | bytes on disk | appends (fsyncs) |");
        System.out.println("|---|---|---|---|");
        for (long segmentBytes : new long[]{0, 1024 * 1024}) {
            Path dir = Files.createTempDirectory("ecomlog-segments");
            var spool = new DiskSpool(dir, Long.MAX_VALUE, segmentBytes);
            int batch = 23; // a busy shop's outage: 6,684 events in 291 batches, a batch per linger time
            int appends = 0;
            for (int from = 0; from < 10_000; from += batch) {
                var events = new ArrayList<EncodedEvent>();
                for (int i = from; i < Math.min(from + batch, 10_000); i++) {
                    events.add(new EncodedEvent(id(i), "product_viewed", Instant.EPOCH, null, line(i), 0));
                }
                spool.append(events);
                appends++;
            }
            spool.close();
            long bytes;
            int files;
            try (var list = Files.list(dir)) {
                var paths = list.filter(p -> p.getFileName().toString().endsWith(".ndjson.gz")).toList();
                files = paths.size();
                bytes = 0;
                for (var p : paths) {
                    bytes += Files.size(p);
                }
            }
            System.out.printf("| %s | %,d | %,d | %,d |%n", segmentBytes == 0 ? "one file per batch (before)"
                    : "coalesced, 1 MiB segments (now)", files, bytes, appends);
            deleteTree(dir);
        }
    }

    private static String ms(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return "–";
        }
        int i = (int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(q * sorted.size()) - 1));
        return String.format("%,d ms", TimeUnit.NANOSECONDS.toMillis(sorted.get(i)));
    }

    private static List<Integer> intList(String[] args, String flag, String fallback) {
        int at = Arrays.asList(args).indexOf(flag);
        String value = at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
        return Arrays.stream(value.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    private static void deleteTree(Path dir) {
        BenchAws.deleteQuietly(dir);
    }
}
