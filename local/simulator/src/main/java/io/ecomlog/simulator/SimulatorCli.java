package io.ecomlog.simulator;

import io.ecomlog.settings.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code ecomlog-simulate}: a shop's traffic, replayed and synthetic, through the ecomlog Logback appender into the
 * local lake or an AWS stream. Exits 1 when the client lost events.
 */
@Command(name = "ecomlog-simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Replays the public samples and synthetic shoppers (with injected bots, order surges and "
                + "failed-login bursts) through the ecomlog appender.")
public final class SimulatorCli implements Callable<Integer> {

    @Option(names = "--events", description = "stop after this many events (0: only --duration)")
    long events;

    @Option(names = "--rate", description = "events per second (default ${DEFAULT-VALUE})")
    double rate = 200;

    @Option(names = "--duration", description = "stop after this long: 60s, 5m, PT1M (default ${DEFAULT-VALUE})")
    String duration = "60s";

    @Option(names = "--seed", description = "same seed, same shoppers and anomalies (default ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--target", description = "local or aws (default ${DEFAULT-VALUE})")
    String target = "local";

    @Option(names = "--lake", description = "the local lake folder (default ${DEFAULT-VALUE})")
    Path lake = Path.of("target", "sim-lake");

    @Option(names = "--stream", description = "aws: the Kinesis stream")
    String stream;

    @Option(names = "--delivery-stream", description = "aws: the Firehose delivery stream (instead of --stream)")
    String deliveryStream;

    @Option(names = "--profile", description = "aws: a profile of the shared AWS config files")
    String profile;

    @Option(names = "--region", description = "aws: the region (default: the profile's)")
    String region;

    @Option(names = "--endpoint-url", description = "aws: a service endpoint (a stand-in)")
    String endpoint;

    @Mixin
    ReplayOptions replay = new ReplayOptions();

    @Option(names = "--no-replay", description = "synthetic shoppers only (the data still gives the catalogue)")
    boolean noReplay;

    @Option(names = "--bots", description = "bots to inject (default ${DEFAULT-VALUE})")
    int bots = 1;

    @Option(names = "--surges", description = "order surges to inject (default ${DEFAULT-VALUE})")
    int surges = 1;

    @Option(names = "--login-bursts", description = "failed-login bursts to inject (default ${DEFAULT-VALUE})")
    int loginBursts = 1;

    @Option(names = "--shop", description = "the shop's name, app.name on every event (default ${DEFAULT-VALUE})")
    String shop = "ecomlog-sim";

    @Option(names = "--progress", description = "auto, always or never (default ${DEFAULT-VALUE})")
    String progress = "auto";

    public static void main(String[] args) {
        // Logback is on the class path only for the shop's own context (ShopLogger); the process logs through
        // slf4j-simple, chosen here so SLF4J does not warn about two providers
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
        }
        System.exit(new CommandLine(new SimulatorCli()).execute(args));
    }

    /** The settings these options stand for. */
    public SimulationSettings settings() {
        return new SimulationSettings(events, rate, parseDuration(duration), seed, replay.files(),
                replay.replayRows(), bots, surges, loginBursts, shop, !noReplay, replay.keepTime());
    }

    public Target target() {
        return switch (target) {
            case "local" -> Target.local(lake.toAbsolutePath());
            case "aws" -> Target.aws(stream, deliveryStream, profile, region, endpoint);
            default -> throw new CommandLine.ParameterException(new CommandLine(this),
                    "--target must be local or aws, was " + target);
        };
    }

    @Override
    public Integer call() throws Exception {
        var settings = settings();
        var where = target();
        var spool = where.kind() == Target.Kind.LOCAL ? where.lake().resolveSibling(where.lake().getFileName()
                + "-spool") : Path.of("target", "sim-spool");
        boolean terminal = progress.equals("always") || progress.equals("auto") && System.console() != null;
        var bar = progress.equals("never") ? Progress.none() : new Progress(System.err, terminal);
        var report = new Simulation(settings, where, spool, bar).run();
        report.print(System.out);
        return report.lost() == 0 && report.closedInTime() ? 0 : 1;
    }

    /** {@code 60s}, {@code 5m}, {@code 2h}, {@code 500ms}, ISO-8601 ({@code PT1M}): the client's one grammar. */
    public static Duration parseDuration(String text) {
        return Durations.parse(text, "--duration");
    }
}
