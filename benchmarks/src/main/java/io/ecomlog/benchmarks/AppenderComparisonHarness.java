package io.ecomlog.benchmarks;

import io.ecomlog.record.RecordCodec;
import io.ecomlog.testing.KinesisFaultStub;
import io.ecomlog.testing.KinesisLocal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ecomlog's Logback appender against kdgregory's {@code logback-aws-appenders} Kinesis appender (AWS SDK v1), each
 * in a JVM of its own ({@link AppenderChild}, started with this JVM's class path), logging the same lines
 * ({@code product viewed mid=<n> sku=... price=...}, three MDC entries) from one thread.
 *
 * <ol>
 *   <li>{@code throughput}: {@code events} lines (300,000) into an {@link AppenderCountingEndpoint} in this JVM,
 *       with each appender set not to drop (ecomlog: {@code overflowPolicy BLOCK}; kdgregory:
 *       {@code discardAction none}, an unbounded queue), otherwise defaults. Events/s = events / (time of the
 *       PutRecords that brought the last event − the child's first logging call), and the steady rate over the
 *       second half (events/2 / (last − the moment half had arrived)), which leaves JIT warm-up out.</li>
 *   <li>{@code loss}: {@code loss-events} lines (20,000, logged as fast as one thread can) into kinesis-local through
 *       {@link KinesisFaultStub}, each appender at its defaults: {@code normal}, {@code throttled}
 *       ({@code failEveryOtherEntry}: every other entry of every PutRecords fails with
 *       ProvisionedThroughputExceededException) and {@code exit1s} (the child calls {@code System.exit(0)} one
 *       second after its last logging call: only the libraries' own shutdown hooks can still send). In the first two
 *       the child is told to stop (LoggerContext.stop()) once no PutRecords call reached the stub for
 *       {@code quiet-seconds} (6 s; kdgregory's default batch delay is 2 s). Arrivals are counted by reading the
 *       stream back (GetRecords) and collecting the distinct {@code mid} values.</li>
 * </ol>
 *
 * <p>Options ({@code --name value} or {@code -Dharness.name=value}): {@code runs} ({@code throughput,loss}),
 * {@code appenders} ({@code ecomlog,kdgregory}), {@code events}, {@code loss-events}, {@code scenarios}
 * ({@code normal,throttled,exit1s}), {@code quiet-seconds}, {@code repeat} (3 throughput rounds, appenders
 * alternating), {@code child-heap} ({@code 1g}), {@code pace-nanos} (0),
 * {@code ecomlog-close-timeout} (unset: ecomlog's default, 5 s).
 * Run from the repository root (kinesis-local is started from {@code tools/standins}).
 */
public final class AppenderComparisonHarness {

    private static final Pattern MID = Pattern.compile("mid=(\\d+)");

    private final Map<String, String> options;
    private final List<String> report = new ArrayList<>();

    private AppenderComparisonHarness(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("aws.disableEc2Metadata", "true");
        System.setProperty("com.amazonaws.sdk.disableEc2Metadata", "true");
        if (System.getProperty("basedir") == null && Files.isRegularFile(Path.of("benchmarks", "pom.xml"))) {
            System.setProperty("basedir", "benchmarks");
        }
        new AppenderComparisonHarness(EndToEndHarness.parse(args)).run();
        System.exit(0);
    }

    private String opt(String name, String def) {
        return options.getOrDefault(name, def);
    }

    private long longOpt(String name, long def) {
        var v = options.get(name);
        return v == null ? def : Long.parseLong(v.replace("_", "").replace(",", ""));
    }

    private void run() throws Exception {
        var appenders = List.of(opt("appenders", "ecomlog,kdgregory").split(","));
        var runs = List.of(opt("runs", "throughput,loss").split(","));
        System.out.printf("appender comparison: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        if (runs.contains("throughput")) {
            throughput(appenders);
        }
        if (runs.contains("loss")) {
            loss(appenders);
        }
        System.out.println();
        System.out.println("== summary ==");
        report.forEach(System.out::println);
    }

    // ---------------------------------------------------------------- throughput

    private void throughput(List<String> appenders) throws Exception {
        long events = longOpt("events", 300_000);
        int repeat = (int) longOpt("repeat", 3);
        var rates = new ConcurrentHashMap<String, List<Double>>();
        var steadies = new ConcurrentHashMap<String, List<Double>>();
        try (var endpoint = AppenderCountingEndpoint.start()) {
            report.add(String.format(Locale.ROOT, "throughput: %,d events per appender, lossless settings,"
                    + " counting endpoint %s", events, endpoint.uri()));
            report.add(String.format(Locale.ROOT, "%-10s %12s %12s %12s %8s %9s %12s %9s %s", "appender",
                    "events/s", "steady e/s", "log loop e/s", "calls", "records", "bytes/record", "missing",
                    "child stats"));
            for (int round = 1; round <= repeat; round++)
            for (var appender : appenders) {
                endpoint.reset(events / 2);
                System.out.printf("%nthroughput: %s, %,d events...%n", appender, events);
                var child = Child.start(appender, endpoint.uri().toString(), "bench-stream", events, "wait", true,
                        options);
                long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(5);
                long last = -1, lastChange = System.currentTimeMillis(), nextPrint = 0;
                while (endpoint.events() < events && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                    if (System.currentTimeMillis() >= nextPrint) {
                        nextPrint = System.currentTimeMillis() + 2000;
                        System.out.printf("  %,d events arrived (%d calls)%n", endpoint.events(), endpoint.calls());
                    }
                    if (endpoint.events() != last) {
                        last = endpoint.events();
                        lastChange = System.currentTimeMillis();
                    } else if (System.currentTimeMillis() - lastChange > 30_000) {
                        break; // nothing for 30 s
                    }
                }
                child.awaitLine("LOGGED", TimeUnit.MINUTES.toMillis(5));
                long arrived = endpoint.events();
                long end = endpoint.lastPutMillis();
                child.tell("stop");
                String stats = child.awaitLine("STATS", 60_000);
                child.awaitExit(60);
                long start = Long.parseLong(child.lines.get("START").split(" ")[1]);
                long loopNanos = Long.parseLong(child.lines.get("LOGGED").split(" ")[2]);
                double rate = arrived / ((end - start) / 1000.0);
                long half = endpoint.thresholdMillis();
                double steady = half == 0 || end == half ? Double.NaN
                        : (arrived - events / 2.0) / ((end - half) / 1000.0);
                rates.computeIfAbsent(appender, k -> new ArrayList<>()).add(rate);
                steadies.computeIfAbsent(appender, k -> new ArrayList<>()).add(steady);
                var line = String.format(Locale.ROOT, "%-10s %,12.0f %,12.0f %,12.0f %8d %9d %,12.0f %9d %s",
                        appender, rate, steady, events / (loopNanos / 1e9), endpoint.calls(), endpoint.records(),
                        endpoint.records() == 0 ? 0.0 : (double) endpoint.dataBytes() / endpoint.records(),
                        events - arrived, stats.substring("STATS ".length()));
                System.out.println(line);
                report.add(line);
                if (endpoint.errors() > 0) {
                    report.add("  WARNING: endpoint answered " + endpoint.errors() + " requests with an error");
                }
            }
        }
        for (var appender : appenders) {
            report.add(String.format(Locale.ROOT, "%s: median events/s %,.0f (runs %s), median steady %,.0f (runs %s)",
                    appender, median(rates.get(appender)), rounded(rates.get(appender)),
                    median(steadies.get(appender)), rounded(steadies.get(appender))));
        }
        if (rates.containsKey("ecomlog") && rates.containsKey("kdgregory")) {
            report.add(String.format(Locale.ROOT, "ratio ecomlog / kdgregory of the medians: events/s %.2f,"
                            + " steady %.2f", median(rates.get("ecomlog")) / median(rates.get("kdgregory")),
                    median(steadies.get("ecomlog")) / median(steadies.get("kdgregory"))));
        }
    }

    private static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String rounded(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%,.0f", v)).toList().toString();
    }

    // ---------------------------------------------------------------- loss into kinesis-local

    private void loss(List<String> appenders) throws Exception {
        long events = longOpt("loss-events", 20_000);
        long quietMillis = longOpt("quiet-seconds", 6) * 1000;
        var scenarios = List.of(opt("scenarios", "normal,throttled,exit1s").split(","));
        KinesisFaultStub stub;
        try {
            stub = KinesisFaultStub.shared();
        } catch (RuntimeException e) {
            report.add("loss: kinesis-local could not start (" + e.getMessage() + "); skipped");
            return;
        }
        KinesisLocal local = stub.kinesisLocal();
        report.add(String.format(Locale.ROOT, "loss: %,d events per run, each library's defaults, kinesis-local"
                + " behind KinesisFaultStub %s", events, stub.endpoint()));
        report.add(String.format(Locale.ROOT, "%-10s %-10s %8s %8s %8s %8s %6s %9s %s", "appender", "scenario",
                "logged", "arrived", "lost", "lost %", "dups", "put calls", "child stats"));
        for (var scenario : scenarios) {
            for (var appender : appenders) {
                String stream = local.uniqueStreamName("cmp-" + appender + "-" + scenario);
                local.createStream(stream, 1);
                if (scenario.equals("throttled")) {
                    stub.faults().failEveryOtherEntry(stream);
                }
                System.out.printf("%nloss: %s / %s, %,d events into %s...%n", appender, scenario, events, stream);
                boolean exit = scenario.equals("exit1s");
                var child = Child.start(appender, stub.endpoint().toString(), stream, events, exit ? "exit1s" : "wait",
                        false, options);
                child.awaitLine("LOGGED", TimeUnit.MINUTES.toMillis(10));
                String stats;
                if (exit) {
                    child.awaitExit(120);
                    stats = child.lines.getOrDefault("EXIT", "EXIT ? ?");
                    stats = stats.substring(stats.indexOf(' ', 5) + 1);
                } else {
                    long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(4);
                    int calls = -1;
                    long lastChange = System.currentTimeMillis();
                    while (System.currentTimeMillis() < deadline) {
                        Thread.sleep(1000);
                        int now = stub.putRecordsCalls(stream);
                        if (now != calls) {
                            calls = now;
                            lastChange = System.currentTimeMillis();
                        } else if (calls > 0 && System.currentTimeMillis() - lastChange >= quietMillis) {
                            break;
                        }
                    }
                    child.tell("stop");
                    stats = child.awaitLine("STATS", 120_000).substring("STATS ".length());
                    child.awaitExit(120);
                }
                int putCalls = stub.putRecordsCalls(stream);
                stub.faults().heal(stream);
                var records = local.readAll(stream);
                Set<Long> found = new HashSet<>();
                long occurrences = 0;
                for (var record : records) {
                    for (byte[] line : RecordCodec.lines(record.data())) {
                        Matcher m = MID.matcher(new String(line, StandardCharsets.UTF_8));
                        while (m.find()) {
                            occurrences++;
                            found.add(Long.parseLong(m.group(1)));
                        }
                    }
                }
                long arrived = found.stream().filter(id -> id >= 0 && id < events).count();
                long lost = events - arrived;
                var line = String.format(Locale.ROOT, "%-10s %-10s %,8d %,8d %,8d %7.1f%% %6d %9d %s", appender,
                        scenario, events, arrived, lost, 100.0 * lost / events, occurrences - found.size(), putCalls,
                        stats);
                System.out.println(line + "  (records read back: " + records.size() + ")");
                report.add(line);
                local.deleteStream(stream);
            }
        }
    }

    // ---------------------------------------------------------------- child JVMs

    /** A child JVM running {@link AppenderChild}; its output is echoed with a prefix and its tagged lines kept. */
    static final class Child {
        final Process process;
        final Map<String, String> lines = new ConcurrentHashMap<>();
        private final Object lock = new Object();

        private Child(Process process, String name) {
            this.process = process;
            var reader = new Thread(() -> {
                try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        System.out.println("  [" + name + "] " + line);
                        int sp = line.indexOf(' ');
                        if (sp > 0 && Character.isUpperCase(line.charAt(0))) {
                            lines.putIfAbsent(line.substring(0, sp), line);
                            synchronized (lock) {
                                lock.notifyAll();
                            }
                        }
                    }
                } catch (IOException ignored) {
                    // the child ended
                }
            }, "child-output-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(String appender, String endpoint, String stream, long events, String mode,
                           boolean lossless, Map<String, String> options) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            var command = new ArrayList<>(List.of(java,
                    "-Xmx" + options.getOrDefault("child-heap", "1g"),
                    "-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider",
                    "-Daws.disableEc2Metadata=true",
                    "-Dcom.amazonaws.sdk.disableEc2Metadata=true",
                    "-Daws.java.v1.disableDeprecationAnnouncement=true",
                    "-cp", System.getProperty("java.class.path"),
                    AppenderChild.class.getName(),
                    "--appender", appender, "--endpoint", endpoint, "--stream", stream,
                    "--events", Long.toString(events), "--mode", mode, "--lossless", Boolean.toString(lossless),
                    "--pace-nanos", options.getOrDefault("pace-nanos", "0"),
                    "--warmup", lossless ? options.getOrDefault("warmup", "20000") : "0",
                    "--close-timeout", options.getOrDefault("ecomlog-close-timeout", "")));
            var pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
            pb.environment().remove("AWS_PROFILE");
            pb.environment().remove("AWS_ACCESS_KEY_ID");
            pb.environment().remove("AWS_SECRET_ACCESS_KEY");
            pb.environment().remove("AWS_REGION");
            pb.environment().remove("AWS_DEFAULT_REGION");
            return new Child(pb.start(), appender);
        }

        String awaitLine(String tag, long timeoutMillis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            synchronized (lock) {
                while (!lines.containsKey(tag)) {
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0 || (!process.isAlive() && !lines.containsKey(tag))) {
                        if (!process.isAlive()) {
                            Thread.sleep(200); // let the reader catch up with the last lines
                            if (lines.containsKey(tag)) {
                                break;
                            }
                        }
                        process.destroyForcibly();
                        throw new IllegalStateException("child did not print " + tag + " (alive "
                                + process.isAlive() + ")");
                    }
                    lock.wait(Math.min(left, 500));
                }
            }
            return lines.get(tag);
        }

        void tell(String line) throws IOException {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        void awaitExit(long seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                System.out.println("  child still running after " + seconds + " s: killed");
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            Thread.sleep(100);
        }
    }
}
