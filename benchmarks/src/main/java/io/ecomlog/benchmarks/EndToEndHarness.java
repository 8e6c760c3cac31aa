package io.ecomlog.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.metrics.DeliveryStats;
import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.pipeline.OverflowPolicy;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.settings.Sizes;
import io.ecomlog.testing.KinesisLocal;
import io.ecomlog.testing.KinesisWire;
import io.ecomlog.testing.LocalAws;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Sends events through the whole client (queue, encoder, packer, SDK v2 client, HTTP) and measures the end-to-end
 * rate and what the services would bill:
 * <ol>
 *   <li>{@code kinesis}: N events into a {@link CountingEndpoint} speaking Kinesis PutRecords (CBOR, the SDK default);
 *   </li>
 *   <li>{@code firehose}: N events into the same endpoint speaking Firehose PutRecordBatch;</li>
 *   <li>{@code kinesis-local}: a smaller run into kinesis-local (a real Kinesis implementation), every event counted
 *       back by event id with its independent reader ({@link KinesisLocal#readAll}).</li>
 * </ol>
 * Events/s is N divided by the time from the first {@code track} to the return of {@code close} (everything
 * delivered). The client runs with {@link OverflowPolicy#BLOCK} so that the producer is held back instead of dropping;
 * drops are still counted and printed.
 *
 * <p>Billing: a Kinesis record costs ceil((data + partition key) / 25,000 B) PUT payload units (25 KB taken as
 * 25,000 bytes); Firehose bills each record rounded up to the next 5 KB (taken as 5,120 bytes). "One event per record"
 * prices the same events as if each had been sent alone (same partition key); "minimum" is the total bytes divided by
 * the unit, rounded up.
 *
 * <p>Options, as {@code --name value} arguments or {@code -Dharness.name=value} system properties:
 * {@code events} (1,000,000), {@code warmup} (500,000; events sent before each measured run, not counted, so that
 * the JIT has compiled the hot paths: after 100,000 it compiled for 3 s of a 3.4 s run, after 500,000 for 2 s),
 * {@code local-events} (20,000), {@code runs} ({@code kinesis,firehose,kinesis-local}; also {@code kinesis-json}),
 * {@code gzip} (false), {@code pool} (20,000 distinct pre-built events cycled through), {@code batch-bytes} (the
 * client's {@code batchBytes}, as {@code 1MiB}; default the client's).
 */
public final class EndToEndHarness {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> options;
    private final PrintStream out;

    private EndToEndHarness(Map<String, String> options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("aws.disableEc2Metadata", "true");
        if (System.getProperty("basedir") == null && Files.isRegularFile(Path.of("benchmarks", "pom.xml"))) {
            System.setProperty("basedir", "benchmarks"); // kinesis-local's log goes to benchmarks/target
        }
        new EndToEndHarness(parse(args), System.out).run();
    }

    static Map<String, String> parse(String[] args) {
        var options = new LinkedHashMap<String, String>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("harness.")) {
                options.put(k.toString().substring("harness.".length()), v.toString());
            }
        });
        for (int i = 0; i < args.length; i++) {
            var arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + arg);
            }
            var name = arg.substring(2);
            int eq = name.indexOf('=');
            if (eq > 0) {
                options.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(name, args[++i]);
            } else {
                options.put(name, "true");
            }
        }
        return options;
    }

    private long longOption(String name, long defaultValue) {
        var v = options.get(name);
        return v == null ? defaultValue : Long.parseLong(v.replace("_", "").replace(",", ""));
    }

    /** One measured run. */
    record Run(String name, long events, Sent sent, CountingEndpoint.Snapshot wire, long readBack, long missing,
               long duplicates, String note) {

        double eventsPerSecond() {
            return events / sent.seconds();
        }

        DeliveryStats stats() {
            return sent.stats();
        }

        /** Process CPU time per event (all threads, endpoint included), in microseconds. */
        double cpuMicrosPerEvent() {
            return sent.cpuSeconds() * 1e6 / events;
        }
    }

    private void run() throws Exception {
        long events = longOption("events", 1_000_000);
        long warmup = longOption("warmup", Math.min(500_000, events / 2));
        long localEvents = longOption("local-events", 20_000);
        int poolSize = (int) longOption("pool", 20_000);
        boolean gzip = Boolean.parseBoolean(options.getOrDefault("gzip", "false"));
        var runs = List.of(options.getOrDefault("runs", "kinesis,firehose,kinesis-local").split(","));

        out.printf("ecomlog end-to-end harness: %,d events per endpoint run (after %,d warm-up), %,d into"
                        + " kinesis-local; gzip %s; %d cores, Java %s%n", events, warmup, localEvents, gzip,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        var pool = new ArrayList<EcomEvent>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            pool.add(SampleEvents.productViewed(i));
        }
        out.printf("event: product_viewed, %d bytes encoded (with sent_at); %,d distinct pre-built events cycled%n%n",
                SampleEvents.encodedSize(1), poolSize);
        LongFunction<EcomEvent> fromPool = i -> pool.get((int) (i % poolSize));

        var results = new ArrayList<Run>();
        try (var endpoint = CountingEndpoint.start()) {
            for (var name : runs) {
                switch (name.trim()) {
                    case "kinesis" -> {
                        try (var kinesis = kinesisClient(endpoint, KinesisWire.Format.CBOR)) {
                            results.add(endpointRun("kinesis (CBOR)", endpoint, events, warmup, fromPool,
                                    b -> b.kinesis(kinesis, "bench-stream"), gzip));
                        }
                    }
                    case "kinesis-json" -> {
                        try (var kinesis = kinesisClient(endpoint, KinesisWire.Format.JSON)) {
                            results.add(endpointRun("kinesis (JSON)", endpoint, events, warmup, fromPool,
                                    b -> b.kinesis(kinesis, "bench-stream"), gzip));
                        }
                    }
                    case "firehose" -> {
                        try (var firehose = LocalAws.configure(FirehoseClient.builder(), endpoint.uri()).build()) {
                            results.add(endpointRun("firehose", endpoint, events, warmup, fromPool,
                                    b -> b.firehose(firehose, "bench-delivery"), gzip));
                        }
                    }
                    case "kinesis-local" -> results.add(kinesisLocalRun(localEvents, gzip));
                    case "" -> {
                    }
                    default -> throw new IllegalArgumentException("unknown run " + name
                            + " (kinesis, kinesis-json, firehose, kinesis-local)");
                }
            }
            if (endpoint.errors() > 0) {
                out.printf("WARNING: the counting endpoint answered %d requests with an error%n", endpoint.errors());
            }
        }
        printTables(results);
    }

    private static KinesisClient kinesisClient(CountingEndpoint endpoint, KinesisWire.Format format) {
        return format == KinesisWire.Format.JSON
                ? LocalAws.withCborDisabled(() -> LocalAws.configure(KinesisClient.builder(), endpoint.uri()).build())
                : LocalAws.configure(KinesisClient.builder(), endpoint.uri()).build();
    }

    private Run endpointRun(String name, CountingEndpoint endpoint, long events, long warmup,
                            LongFunction<EcomEvent> source, Consumer<EcomlogClient.Builder> destination,
                            boolean gzip) {
        if (warmup > 0) {
            out.printf("%s: warm-up, %,d events...%n", name, warmup);
            send(warmup, source, destination, gzip);
        }
        endpoint.reset();
        out.printf("%s: %,d events...%n", name, events);
        var sent = send(events, source, destination, gzip);
        var wire = name.startsWith("kinesis") ? endpoint.kinesis() : endpoint.firehose();
        long missing = events - wire.events();
        var run = new Run(name, events, sent, wire, wire.events(), Math.max(missing, 0), Math.max(-missing, 0), "");
        out.printf("%s: %,.0f events/s, %d calls, %d records, %,d events counted at the endpoint; process CPU %.1f s"
                        + " (%.2f µs/event, %.2f of %d cores), GC pauses %.2f s, JIT compiling %.2f s%n", name,
                run.eventsPerSecond(), wire.calls(), wire.records(), wire.events(), sent.cpuSeconds(),
                run.cpuMicrosPerEvent(), sent.cpuSeconds() / sent.seconds(), Runtime.getRuntime().availableProcessors(),
                sent.gcPauseSeconds(), sent.jitSeconds());
        out.printf("%s: CPU µs/event by thread: %s%n%n", name, cpuByThread(sent, events));
        return run;
    }

    /** Each thread's CPU per event, the threads under 1 % of the process summed, and the rest (GC, JIT, VM). */
    private static String cpuByThread(Sent sent, long events) {
        var parts = new ArrayList<String>();
        double named = 0, small = 0;
        for (var e : sent.cpuSecondsByThread().entrySet()) {
            named += e.getValue();
            if (e.getValue() >= sent.cpuSeconds() / 100) {
                parts.add(String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() * 1e6 / events));
            } else {
                small += e.getValue();
            }
        }
        parts.add(String.format(Locale.ROOT, "other threads %.2f", small * 1e6 / events));
        parts.add(String.format(Locale.ROOT, "GC, JIT and VM %.2f", (sent.cpuSeconds() - named) * 1e6 / events));
        return String.join(", ", parts);
    }

    /** @param jitSeconds the JIT compilers' time during the run: near 0 once the warm-up has done its work */
    private record Sent(double seconds, DeliveryStats stats, double cpuSeconds, double gcPauseSeconds,
                        double jitSeconds, Map<String, Double> cpuSecondsByThread) {
    }

    /** CPU time of the whole process (every thread: client, endpoint, GC, JIT), in nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long jitMillis() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** The client settings the options change from their defaults. */
    private void tune(EcomlogClient.Builder builder) {
        var batchBytes = options.get("batch-bytes");
        if (batchBytes != null) {
            builder.batchBytes(Sizes.parse(batchBytes, "batch-bytes"));
        }
    }

    private Sent send(long events, LongFunction<EcomEvent> source, Consumer<EcomlogClient.Builder> destination,
                             boolean gzip) {
        var builder = EcomlogClient.builder()
                .overflowPolicy(OverflowPolicy.BLOCK)
                .blockTimeout(Duration.ofSeconds(60))
                .gzip(gzip)
                .producerId("harness")
                .shutdownHook(false);
        destination.accept(builder);
        tune(builder);
        var threadCpu = new ThreadCpu();
        var client = builder.build();
        long cpuStart = processCpuNanos();
        long gcStart = gcMillis();
        long jitStart = jitMillis();
        long start = System.nanoTime();
        for (long i = 0; i < events; i++) {
            client.track(source.apply(i));
        }
        client.close(Duration.ofMinutes(5));
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
        return new Sent(seconds, client.stats(), cpuSeconds, (gcMillis() - gcStart) / 1e3,
                (jitMillis() - jitStart) / 1e3, threadCpu.secondsByThread());
    }

    private Run kinesisLocalRun(long events, boolean gzip) throws IOException {
        out.printf("kinesis-local: starting it, %,d events...%n", events);
        KinesisLocal local;
        try {
            local = KinesisLocal.shared();
        } catch (RuntimeException e) {
            out.printf("kinesis-local: could not start (%s); skipped. Install it with `npm install` in"
                    + " tools/standins (the benchmarks build does).%n%n", e.getMessage());
            return null;
        }
        var stream = local.uniqueStreamName("harness");
        local.createStream(stream, 1);
        var built = new ArrayList<EcomEvent>((int) events);
        for (long i = 0; i < events; i++) {
            built.add(SampleEvents.productViewed(i)); // unique ids, to count each one back
        }
        try (var kinesis = local.newClient((ClientOverrideConfiguration) null)) {
            var sent = send(events, i -> built.get((int) i), b -> b.kinesis(kinesis, stream), gzip);
            long readStart = System.nanoTime();
            var records = local.readAll(stream);
            double readSeconds = (System.nanoTime() - readStart) / 1e9;
            Set<String> expected = new HashSet<>();
            built.forEach(e -> expected.add(e.eventId().toString()));
            Set<String> found = new HashSet<>();
            long lines = 0, duplicates = 0, dataBytes = 0, keyBytes = 0;
            for (var record : records) {
                dataBytes += record.data().length;
                keyBytes += record.partitionKey().length();
                for (byte[] line : RecordCodec.lines(record.data())) {
                    lines++;
                    if (!found.add(JSON.readTree(line).path("event_id").asText())) {
                        duplicates++;
                    }
                }
            }
            long missing = expected.stream().filter(id -> !found.contains(id)).count();
            var wire = new CountingEndpoint.Snapshot(sent.stats.destinations().get(0).calls(), 0, records.size(),
                    dataBytes, keyBytes, lines, 0, 0, 0, 0, 0, CountingEndpoint.KINESIS_UNIT_BYTES,
                    CountingEndpoint.FIREHOSE_UNIT_BYTES);
            var run = new Run("kinesis-local", events, sent, wire, lines, missing, duplicates,
                    String.format(Locale.ROOT, "read back with GetRecords in %.1f s", readSeconds));
            out.printf("kinesis-local: %,.0f events/s; read back %,d events in %d records (%.1f s); missing %d,"
                    + " duplicates %d%n%n", run.eventsPerSecond(), lines, records.size(), readSeconds, missing,
                    duplicates);
            local.deleteStream(stream);
            return run;
        }
    }

    // ---------------------------------------------------------------- report

    private void printTables(List<Run> all) {
        var runs = all.stream().filter(r -> r != null).toList();
        out.println("== throughput (whole client: track -> encode -> pack -> SDK -> HTTP -> endpoint) ==");
        out.printf("%-15s %10s %11s %10s %7s %9s %9s %11s %11s %10s %8s %8s%n", "run", "events", "events/s",
                "CPU µs/ev", "calls", "records", "rec/call", "bytes/call", "events/rec", "bytes/rec", "dropped",
                "missing");
        for (var r : runs) {
            var w = r.wire();
            out.printf("%-15s %,10d %,11.0f %10.2f %,7d %,9d %9.1f %,11.0f %11.1f %,10.0f %8d %8d%n", r.name(),
                    r.events(), r.eventsPerSecond(), r.cpuMicrosPerEvent(), w.calls(), w.records(), w.recordsPerCall(),
                    w.bytesPerCall(), w.eventsPerRecord(), w.bytesPerRecord(), r.stats().droppedTotal(), r.missing());
        }
        for (var r : runs) {
            var d = r.stats().destinations().get(0);
            out.printf("  %s: client sent %,d, retried %d, backed up %d, spooled %d, failed calls %d%s%n", r.name(),
                    d.sent(), d.retried(), d.backedUpTotal(), d.spooled(), d.failedCalls(),
                    r.note().isEmpty() ? "" : "; " + r.note() + "; duplicates " + r.duplicates());
        }
        out.println();
        out.println("== billing (same events: packed as sent vs one event per record) ==");
        out.printf("%-38s %15s %15s %15s %11s %11s%n", "", "packed", "1 event/record", "minimum", "packed/min",
                "single/min");
        for (var r : runs) {
            var w = r.wire();
            if (r.name().startsWith("kinesis") && !r.name().equals("kinesis-local")) {
                long min = w.kinesisMinimumUnits();
                out.printf("%-38s %,15d %,15d %,15d %11.3f %11.1f%n",
                        r.name() + ": PUT payload units (25,000 B)", w.kinesisUnits(), w.kinesisUnitsSingle(), min,
                        (double) w.kinesisUnits() / min, (double) w.kinesisUnitsSingle() / min);
            } else if (r.name().equals("firehose")) {
                long min = w.firehoseMinimumBilled();
                out.printf("%-38s %,15d %,15d %,15d %11.3f %11.1f%n", "firehose: billed bytes (5,120 B steps)",
                        w.firehoseBilled(), w.firehoseBilledSingle(), min, (double) w.firehoseBilled() / min,
                        (double) w.firehoseBilledSingle() / min);
            }
        }
        out.println("  minimum = ceil(bytes sent, incl. partition keys for Kinesis / unit): the physical floor;"
                + " target packed/min <= 1.05");
    }
}
