package io.ecomlog.local;

import io.ecomlog.local.dashboard.DashboardServer;
import io.ecomlog.simulator.ReplayOptions;
import io.ecomlog.simulator.Simulation;
import io.ecomlog.simulator.SimulationSettings;
import io.ecomlog.simulator.SimulatorCli;
import io.ecomlog.simulator.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The README's demo: the whole system on this machine. Starts the local backend, runs the simulator through the
 * Logback appender into the local lake for a minute, finishes the backend (final Flink pass, Spark ETL and ALS, the
 * named queries on DuckDB), prints the summary and keeps the dashboard up until Ctrl-C ({@code --no-serve} exits).
 * Exits 1 when a check of the summary fails.
 */
@Command(name = "ecomlog-local", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the simulator through the whole ecomlog backend on this machine (no AWS account).")
public final class LocalModeCli implements Callable<Integer> {

    @Option(names = "--duration", description = "how long the simulator runs (default ${DEFAULT-VALUE})")
    String duration = "60s";

    @Option(names = "--rate", description = "events per second (default ${DEFAULT-VALUE})")
    double rate = 200;

    @Option(names = "--events", description = "stop the simulator after this many events (0: --duration only)")
    long events;

    @Option(names = "--seed", description = "the simulator's seed (default ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--work", description = "the working folder, emptied first (default ${DEFAULT-VALUE})")
    Path work = Path.of("target", "ecomlog-local");

    @Mixin
    ReplayOptions replay = new ReplayOptions();

    @Option(names = "--port", description = "the dashboard's port on 127.0.0.1 (0: any free; default ${DEFAULT-VALUE})")
    int port = 8080;

    @Option(names = "--no-serve", description = "exit after the summary instead of serving the dashboard")
    boolean noServe;

    @Option(names = "--opensearch", description = "also index every event into a local OpenSearch node and search "
            + "them on the dashboard's log-search page (starts the node first: about 10 s more)")
    boolean openSearch;

    private final PrintStream console;
    private DemoReport report;
    private LocalSearch search;
    private Consumer<URI> whenDone = url -> { };

    public LocalModeCli() {
        this(System.out);
    }

    LocalModeCli(PrintStream console) {
        this.console = console;
    }

    public static void main(String[] args) {
        // three SLF4J providers come with the engines and the simulator; the engines log through Log4j 2
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "org.apache.logging.slf4j.SLF4JServiceProvider");
        }
        System.exit(new CommandLine(new LocalModeCli()).execute(args));
    }

    /** Called after the summary with the dashboard's address, while it still serves (tests look at it). */
    void whenDone(Consumer<URI> action) {
        this.whenDone = action;
    }

    /** The run's log search while it serves, or null without {@code --opensearch} (tests look at the node). */
    LocalSearch search() {
        return search;
    }

    /** The summary of the last run (tests read it). */
    DemoReport report() {
        return report;
    }

    @Override
    public Integer call() throws Exception {
        Path root = work.toAbsolutePath().normalize();
        clean(root);
        var settings = new SimulationSettings(events, rate, SimulatorCli.parseDuration(duration), seed,
                replay.files(), replay.replayRows(), 1, 1, 1, "ecomlog-sim", true, replay.keepTime());
        var flinkSettings = new HashMap<String, String>();
        flinkSettings.put("ecomlog.jobs.surge.min.orders", Integer.toString(settings.surgeThreshold()));
        if (settings.keepTime()) {
            flinkSettings.putAll(FlinkAnalytics.BACKFILL);
        }
        Path backendLog = root.resolve("logs").resolve("backend.log");
        Files.createDirectories(backendLog.getParent());
        PrintStream stdout = System.out;
        try (var log = new PrintStream(Files.newOutputStream(backendLog), true)) {
            // the functions write structured logs and EMF metrics to standard output, as in Lambda (CloudWatch Logs);
            // here they go to a file so the console shows the demo
            System.setOut(log);
            console.printf("ecomlog local mode in %s (functions' and engines' logs: %s)%n", root, backendLog);
            search = null;
            if (openSearch) {
                console.printf("starting the OpenSearch node for log search...%n");
                search = LocalSearch.start(root, Duration.ofMinutes(3));
                console.printf("log search: OpenSearch %s, started in %.1f s%n", search.endpoint(),
                        search.nodeStartMillis() / 1000.0);
            }
            // the node stops after the backend, whose feed may still be indexing
            try (var stopSearch = search == null ? (AutoCloseable) () -> { } : search;
                 var backend = new LocalBackend(root, flinkSettings, console, search)) {
                backend.start();
                var data = new LocalDashboardData(backend);
                try (var dashboard = startDashboard(data)) {
                    console.printf("dashboard: %s (refreshing while the simulator runs)%n", dashboard.url());
                    console.printf("%s %s at %.0f events/s (seed %d) into %s%n", settings.keepTime()
                            ? "backfilling the files at their original times," : "simulating", settings.events() > 0
                            ? settings.events() + " events" : duration, rate, seed, backend.lake());
                    var simulation = new Simulation(settings, Target.local(backend.lake()),
                            root.resolve("lake-spool"));
                    data.simulating(simulation::sentSoFar);
                    var sent = simulation.run();
                    console.printf("simulator done: %,d events sent; finishing the backend (Flink final pass, Spark"
                            + " ETL and ALS, named queries)...%n", sent.sent());
                    data.finishing();
                    var results = backend.finish(sent.orders().values().stream()
                            .map(o -> o.customerKey()).filter(k -> k.startsWith("user#")).findFirst()
                            .map(k -> k.substring("user#".length())).orElse(""), settings.keepTime());
                    var onlineRetail = settings.replayFiles().onlineRetail();
                    var input = onlineRetail != null && Files.isRegularFile(onlineRetail)
                            ? InputOrders.read(onlineRetail, settings.replayRows(), settings.keepTime()) : null;
                    report = DemoReport.of(sent, results, backend, input);
                    data.done(report);
                    report.print(console);
                    whenDone.accept(dashboard.url());
                    if (!noServe) {
                        console.printf("%ndashboard: %s  (Ctrl-C to stop)%n", dashboard.url());
                        new CountDownLatch(1).await();
                    }
                }
            }
        } finally {
            System.setOut(stdout);
        }
        return report != null && report.ok() ? 0 : 1;
    }

    /** On the asked port, or on a free one when it is taken. */
    private DashboardServer startDashboard(LocalDashboardData data) {
        try {
            return new DashboardServer(data, port).start();
        } catch (UncheckedIOException taken) {
            console.printf("port %d is taken; the dashboard takes a free one%n", port);
            return new DashboardServer(data, 0).start();
        }
    }

    /** Empties what an earlier run left (only local mode's own folders and files). */
    private static void clean(Path root) throws IOException {
        for (String name : List.of("lake", "lake-spool", "analytics", "curated", "quarantine", "bookmark",
                "recommendations", "spark-warehouse", "alerts.jsonl", "logs", "live-curated", "search-node",
                "opensearch-dead-letter")) {
            Path p = root.resolve(name);
            if (Files.exists(p)) {
                try (Stream<Path> all = Files.walk(p)) {
                    for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
        }
        Files.createDirectories(root);
    }

}
