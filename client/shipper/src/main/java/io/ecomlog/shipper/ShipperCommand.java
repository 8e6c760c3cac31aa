package io.ecomlog.shipper;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ecomlog-ship}: the command line. Runs until SIGTERM/SIGINT (then flushes, writes the last checkpoint and
 * exits), or with {@code --once} ships the complete lines that exist and exits.
 */
@Command(name = "ecomlog-ship", mixinStandardHelpOptions = true, version = "ecomlog-ship 0.1.0",
        description = "Tails log files by glob and ships their lines as ecomlog events to Kinesis, Firehose or a "
                + "local lake folder; survives rotation and restarts from its checkpoint.")
public final class ShipperCommand implements Callable<Integer> {

    static final int CONFIG_ERROR = 2;
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);

    static final class ConfigSource {
        @Option(names = "--config", paramLabel = "FILE", description = "ecomlog-ship's own configuration (YAML or JSON)")
        Path config;

        @Option(names = "--agent-config", paramLabel = "FILE", description = "a Kinesis Agent agent.json")
        Path agentConfig;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    ConfigSource source;

    @Option(names = "--once", description = "ship what the files hold now, then exit")
    boolean once;

    @Option(names = "--backfill", description = "import the files once from their start (whatever a flow's "
            + "initialPosition), each line at its own time, then exit; lines already shipped (checkpoint) are skipped")
    boolean backfill;

    @Option(names = "--lake", paramLabel = "DIR",
            description = "ship every flow to this local lake folder instead (try an agent.json without AWS)")
    Path lake;

    @Option(names = "--checkpoint-file", paramLabel = "FILE", description = "overrides the configured checkpoint file")
    Path checkpointFile;

    @Option(names = "--status-interval", paramLabel = "SECONDS",
            description = "seconds between status lines (0: none); overrides the configuration")
    Long statusSeconds;

    /** Set by the shutdown hook; the loop finishes its last checkpoint before the JVM goes. */
    private static final AtomicBoolean STOPPING = new AtomicBoolean();

    @Override
    public Integer call() {
        ShipperConfig config;
        try {
            config = source.agentConfig != null ? AgentConfigReader.read(source.agentConfig)
                    : ShipConfigReader.read(source.config);
            config = overrides(config);
        } catch (ConfigException e) {
            System.err.println("ecomlog-ship: " + e.getMessage());
            return CONFIG_ERROR;
        }
        var shipper = new Shipper(config);
        if (once || backfill) {
            return shipper.runOnce() ? 0 : 1;
        }
        var finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            STOPPING.set(true);
            try {
                finished.await(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ecomlog-ship-shutdown"));
        try {
            shipper.run(STOPPING::get);
        } finally {
            finished.countDown();
        }
        return 0;
    }

    private ShipperConfig overrides(ShipperConfig c) {
        var flows = new ArrayList<FlowConfig>();
        for (var f : c.flows()) {
            flows.add(new FlowConfig(f.filePattern(), lake == null ? f.target() : Target.lake(lake), f.format(),
                    backfill ? InitialPosition.START_OF_FILE : f.initialPosition(), f.maxBufferAge(),
                    f.partitionKey()));
        }
        return new ShipperConfig(checkpointFile != null ? checkpointFile : c.checkpointFile(), c.spoolDirectory(),
                c.region(), c.kinesisEndpoint(), c.firehoseEndpoint(), flows, c.maxLineBytes(), c.pollInterval(),
                c.checkpointInterval(), statusSeconds != null ? Duration.ofSeconds(statusSeconds)
                : c.statusInterval(), c.warnings(), c.client());
    }

    public static void main(String[] args) {
        int code = new CommandLine(new ShipperCommand()).execute(args);
        if (!STOPPING.get()) {
            System.exit(code); // not while a shutdown hook runs: exit would wait for it forever
        }
    }
}
