package io.ecomlog.shipper;

import io.ecomlog.pipeline.ClientSettings;
import io.ecomlog.settings.Setting;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
 * @param client           client settings by their {@link ClientSettings} names, as text ({@code batchBytes: 1MB});
 *                         all but those the shipper sets itself ({@link #SHIPPER_OWNED})
 */
public record ShipperConfig(Path checkpointFile, Path spoolDirectory, String region, URI kinesisEndpoint,
                            URI firehoseEndpoint, List<FlowConfig> flows, int maxLineBytes, Duration pollInterval,
                            Duration checkpointInterval, Duration statusInterval, List<String> warnings,
                            Map<String, String> client) {

    /**
     * The client settings a flow or the shipper decides: the linger and partition key per flow, a full queue waits
     * (a file can wait, nothing is dropped), and the shipper's own signal handling closes the clients.
     */
    public static final Set<Setting<?>> SHIPPER_OWNED = Set.of(ClientSettings.LINGER, ClientSettings.PARTITION_KEY,
            ClientSettings.OVERFLOW_POLICY, ClientSettings.SHUTDOWN_HOOK);

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
        client = Map.copyOf(client);
        client.forEach((name, text) -> {
            var setting = ClientSettings.named(name);
            if (SHIPPER_OWNED.contains(setting)) {
                throw new IllegalArgumentException("client." + name + " is the shipper's own (set linger and"
                        + " partitionKey per flow; a full queue always waits, nothing is dropped)");
            }
            setting.parse(text);
        });
    }

    /** Without client settings of its own: the client's defaults. */
    public ShipperConfig(Path checkpointFile, Path spoolDirectory, String region, URI kinesisEndpoint,
                         URI firehoseEndpoint, List<FlowConfig> flows, int maxLineBytes, Duration pollInterval,
                         Duration checkpointInterval, Duration statusInterval, List<String> warnings) {
        this(checkpointFile, spoolDirectory, region, kinesisEndpoint, firehoseEndpoint, flows, maxLineBytes,
                pollInterval, checkpointInterval, statusInterval, warnings, Map.of());
    }
}
