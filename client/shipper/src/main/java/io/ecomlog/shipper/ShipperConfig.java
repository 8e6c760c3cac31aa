package io.ecomlog.shipper;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the shipper needs, whichever file it came from (its own YAML/JSON or a Kinesis Agent agent.json).
 *
 * @param checkpointFile   where positions are kept (a JSON file, replaced atomically)
 * @param spoolDirectory   the clients' disk spool, for when a destination is down; null for none
 * @param region           AWS region for Kinesis and Firehose; null for the SDK's default chain
 * @param kinesisEndpoint  endpoint override for Kinesis; null for the region's
 * @param firehoseEndpoint endpoint override for Firehose; null for the region's
 * @param flows            at least one
 * @param maxLineBytes     longer lines are cut there and counted
 * @param pollInterval     how often files are looked at when there was nothing new
 * @param checkpointInterval how often delivered positions are committed while lines keep coming
 * @param statusInterval   how often the status line is printed; zero for never
 * @param warnings         what the reader ignored (unsupported settings), to be logged once
 */
public record ShipperConfig(Path checkpointFile, Path spoolDirectory, String region, URI kinesisEndpoint,
                            URI firehoseEndpoint, List<FlowConfig> flows, int maxLineBytes, Duration pollInterval,
                            Duration checkpointInterval, Duration statusInterval, List<String> warnings) {

    public static final int DEFAULT_MAX_LINE_BYTES = 256 * 1024;
    public static final Duration DEFAULT_POLL = Duration.ofMillis(200);
    public static final Duration DEFAULT_CHECKPOINT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_STATUS = Duration.ofSeconds(30);

    public ShipperConfig {
        Objects.requireNonNull(checkpointFile, "checkpointFile");
        if (flows == null || flows.isEmpty()) {
            throw new IllegalArgumentException("flows: at least one flow is needed");
        }
        if (maxLineBytes < 1024) {
            throw new IllegalArgumentException("maxLineBytes must be at least 1024, was " + maxLineBytes);
        }
        flows = List.copyOf(flows);
        warnings = List.copyOf(warnings);
    }
}
