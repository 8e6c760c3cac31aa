package io.ecomlog.shipper;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ecomlog.pipeline.PartitionKeyStrategy;
import io.ecomlog.settings.Durations;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the shipper's own configuration, YAML or JSON (JSON is read by the YAML parser too): the concepts of the
 * Kinesis Agent's agent.json, plus a {@code lake} folder for local mode. An unknown setting or a wrong value is an
 * error naming the setting, e.g. {@code flows[0].format}.
 *
 * <pre>{@code
 * checkpointFile: /var/lib/ecomlog-ship/checkpoints.json
 * spoolDirectory: /var/lib/ecomlog-ship/spool
 * lake: ./ecomlog-lake                      # where flows without a stream ship
 * flows:
 *   - filePattern: /var/log/nginx/access.log*
 *     format: ACCESS_LOG                    # or AUTO (JSON app logs and plain lines)
 *     kinesisStream: shop-events            # or deliveryStream: ..., or neither for the lake
 * }</pre>
 */
public final class ShipConfigReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ShipConfigReader() {
    }

    /** The file's settings as they are written. */
    record File(@JsonProperty("checkpointFile") String checkpointFile,
                @JsonProperty("spoolDirectory") String spoolDirectory,
                @JsonProperty("lake") String lake,
                @JsonProperty("region") String region,
                @JsonProperty("kinesisEndpoint") URI kinesisEndpoint,
                @JsonProperty("firehoseEndpoint") URI firehoseEndpoint,
                @JsonProperty("maxLineBytes") Integer maxLineBytes,
                @JsonProperty("pollIntervalMillis") Long pollIntervalMillis,
                @JsonProperty("checkpointIntervalMillis") Long checkpointIntervalMillis,
                @JsonProperty("statusIntervalSeconds") Long statusIntervalSeconds,
                @JsonProperty("client") Map<String, String> client,
                @JsonProperty("flows") List<Flow> flows) {
    }

    record Flow(@JsonProperty("filePattern") String filePattern,
                @JsonProperty("format") LineFormat format,
                @JsonProperty("kinesisStream") String kinesisStream,
                @JsonProperty("deliveryStream") String deliveryStream,
                @JsonProperty("lake") String lake,
                @JsonProperty("initialPosition") InitialPosition initialPosition,
                @JsonProperty("maxBufferAgeMillis") Long maxBufferAgeMillis,
                @JsonProperty("linger") String linger,
                @JsonProperty("partitionKey") PartitionKeyStrategy partitionKey) {
    }

    public static ShipperConfig read(Path path) throws ConfigException {
        File file;
        try {
            file = YAML.readValue(path.toFile(), File.class);
        } catch (JsonMappingException e) {
            throw new ConfigException(path + ": " + ConfigException.describe(e), e);
        } catch (IOException e) {
            throw new ConfigException(path + ": " + e.getMessage(), e);
        }
        if (file == null) {
            throw new ConfigException(path + ": the file is empty");
        }
        try {
            return toConfig(file);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path + ": " + e.getMessage(), e);
        }
    }

    private static ShipperConfig toConfig(File file) {
        if (file.flows() == null || file.flows().isEmpty()) {
            throw new IllegalArgumentException("flows: at least one flow is needed");
        }
        Path lake = Path.of(file.lake() == null ? "ecomlog-lake" : file.lake());
        var flows = new ArrayList<FlowConfig>();
        for (int i = 0; i < file.flows().size(); i++) {
            flows.add(flow(file.flows().get(i), "flows[" + i + "]", lake));
        }
        var checkpointFile = Path.of(file.checkpointFile() == null ? "ecomlog-ship-checkpoints.json"
                : file.checkpointFile());
        return new ShipperConfig(checkpointFile,
                file.spoolDirectory() == null ? null : Path.of(file.spoolDirectory()), file.region(),
                file.kinesisEndpoint(), file.firehoseEndpoint(),
                flows, file.maxLineBytes() == null ? ShipperConfig.DEFAULT_MAX_LINE_BYTES : file.maxLineBytes(),
                millis(file.pollIntervalMillis(), ShipperConfig.DEFAULT_POLL, "pollIntervalMillis"),
                millis(file.checkpointIntervalMillis(), ShipperConfig.DEFAULT_CHECKPOINT, "checkpointIntervalMillis"),
                file.statusIntervalSeconds() == null ? ShipperConfig.DEFAULT_STATUS
                        : Duration.ofSeconds(file.statusIntervalSeconds()),
                List.of(), file.client() == null ? Map.of() : file.client());
    }

    private static FlowConfig flow(Flow f, String where, Path defaultLake) {
        if (f == null) {
            throw new IllegalArgumentException(where + ": empty flow");
        }
        int targets = (f.kinesisStream() != null ? 1 : 0) + (f.deliveryStream() != null ? 1 : 0)
                + (f.lake() != null ? 1 : 0);
        if (targets > 1) {
            throw new IllegalArgumentException(where + ": set one of kinesisStream, deliveryStream and lake");
        }
        Target target = f.kinesisStream() != null ? Target.kinesis(f.kinesisStream())
                : f.deliveryStream() != null ? Target.firehose(f.deliveryStream())
                : Target.lake(f.lake() != null ? Path.of(f.lake()) : defaultLake);
        if (f.filePattern() == null || f.filePattern().isBlank()) {
            throw new IllegalArgumentException(where + ".filePattern must be set");
        }
        return new FlowConfig(f.filePattern(), target, f.format() == null ? LineFormat.AUTO : f.format(),
                f.initialPosition() == null ? InitialPosition.START_OF_FILE : f.initialPosition(),
                linger(f, where),
                f.partitionKey() == null ? PartitionKeyStrategy.RANDOM : f.partitionKey());
    }

    /**
     * How long a flow's lines may wait to fill a batch: {@code linger} in the client's one duration grammar (the
     * client's setting of that name), or the Kinesis Agent's {@code maxBufferAgeMillis}; 1 s when neither is set.
     */
    private static Duration linger(Flow f, String where) {
        if (f.linger() != null && f.maxBufferAgeMillis() != null) {
            throw new IllegalArgumentException(where + ": set linger or maxBufferAgeMillis, not both");
        }
        if (f.linger() != null) {
            Duration d = Durations.parse(f.linger(), where + ".linger");
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(where + ".linger must be positive, was \"" + f.linger() + "\"");
            }
            return d;
        }
        return millis(f.maxBufferAgeMillis(), Duration.ofSeconds(1), where + ".maxBufferAgeMillis");
    }

    private static Duration millis(Long value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return Duration.ofMillis(value);
    }
}
