package io.ecomlog.shipper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.pipeline.PartitionKeyStrategy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a Kinesis Agent {@code agent.json} (as in the Firehose and Kinesis Data Streams developer guides), so a
 * server can move from the agent to ecomlog-ship with its configuration. Supported: {@code checkpointFile},
 * {@code kinesis.endpoint}, {@code firehose.endpoint}, and per flow {@code filePattern}, {@code kinesisStream} or
 * {@code deliveryStream}, {@code initialPosition}, {@code maxBufferAgeMillis}, {@code partitionKeyOption}, and the
 * {@code LOGTOJSON} processing option with {@code COMMONAPACHELOG} or {@code COMBINEDAPACHELOG} (lines go through the
 * backend's access-log parser). Other known settings are ignored with a warning each; an invalid value is an error
 * naming the setting. The agent's checkpoint database is not read: ecomlog-ship keeps its own JSON checkpoint at
 * {@code checkpointFile}.
 */
public final class AgentConfigReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The agent's own default when {@code initialPosition} is not set. */
    private static final InitialPosition AGENT_DEFAULT_POSITION = InitialPosition.END_OF_FILE;
    /** The agent's default buffer age and its valid range. */
    private static final long DEFAULT_BUFFER_AGE_MILLIS = 60_000;
    private static final long MIN_BUFFER_AGE_MILLIS = 1_000;
    private static final long MAX_BUFFER_AGE_MILLIS = 900_000;
    static final Path DEFAULT_CHECKPOINT_FILE = Path.of("/var/lib/ecomlog-ship/checkpoints.json");

    private static final Set<String> GENERAL = Set.of("checkpointFile", "kinesis.endpoint", "firehose.endpoint",
            "flows");
    private static final Set<String> FLOW = Set.of("filePattern", "kinesisStream", "deliveryStream",
            "initialPosition", "maxBufferAgeMillis", "partitionKeyOption", "dataProcessingOptions");
    /** A regional endpoint names its region: kinesis.eu-west-1.amazonaws.com. */
    private static final Pattern REGIONAL = Pattern.compile("(?:https?://)?(?:kinesis|firehose)(?:-fips)?"
            + "\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/?");

    private AgentConfigReader() {
    }

    public static ShipperConfig read(Path path) throws ConfigException {
        JsonNode root;
        try {
            root = JSON.readTree(path.toFile());
        } catch (IOException e) {
            throw new ConfigException(path + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(path + ": an agent.json is one JSON object");
        }
        try {
            return toConfig(root);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path + ": " + e.getMessage(), e);
        }
    }

    private static ShipperConfig toConfig(JsonNode root) {
        var warnings = new ArrayList<String>();
        root.fieldNames().forEachRemaining(name -> {
            if (!GENERAL.contains(name)) {
                warnings.add("agent.json: " + name + " is not supported by ecomlog-ship and is ignored");
            }
        });
        var kinesis = endpoint(root, "kinesis.endpoint");
        var firehose = endpoint(root, "firehose.endpoint");
        String region = kinesis.region() != null ? kinesis.region() : firehose.region();
        if (kinesis.region() != null && firehose.region() != null && !kinesis.region().equals(firehose.region())) {
            throw new IllegalArgumentException("kinesis.endpoint and firehose.endpoint name different regions ("
                    + kinesis.region() + ", " + firehose.region() + ")");
        }
        JsonNode flowsNode = root.get("flows");
        if (flowsNode == null || !flowsNode.isArray() || flowsNode.isEmpty()) {
            throw new IllegalArgumentException("flows: at least one flow is needed");
        }
        var flows = new ArrayList<FlowConfig>();
        for (int i = 0; i < flowsNode.size(); i++) {
            flows.add(flow(flowsNode.get(i), "flows[" + i + "]", warnings));
        }
        String checkpoint = text(root, "checkpointFile", "checkpointFile");
        // the agent checkpoints as often as it sends; so does ecomlog-ship
        Duration checkpointEvery = flows.stream().map(FlowConfig::maxBufferAge).min(Duration::compareTo)
                .orElse(ShipperConfig.DEFAULT_CHECKPOINT);
        return new ShipperConfig(checkpoint == null ? DEFAULT_CHECKPOINT_FILE : Path.of(checkpoint), null, region,
                kinesis.override(), firehose.override(), flows, ShipperConfig.DEFAULT_MAX_LINE_BYTES,
                ShipperConfig.DEFAULT_POLL, checkpointEvery, ShipperConfig.DEFAULT_STATUS, warnings);
    }

    private static FlowConfig flow(JsonNode node, String where, List<String> warnings) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": a flow is a JSON object");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!FLOW.contains(name)) {
                warnings.add("agent.json: " + where + "." + name + " is not supported by ecomlog-ship and is ignored");
            }
        });
        String pattern = text(node, "filePattern", where + ".filePattern");
        if (pattern == null) {
            throw new IllegalArgumentException(where + ".filePattern must be set");
        }
        String stream = text(node, "kinesisStream", where + ".kinesisStream");
        String delivery = text(node, "deliveryStream", where + ".deliveryStream");
        if ((stream == null) == (delivery == null)) {
            throw new IllegalArgumentException(where + ": set exactly one of kinesisStream and deliveryStream");
        }
        var target = stream != null ? Target.kinesis(stream) : Target.firehose(delivery);
        var position = choice(node, "initialPosition", where, InitialPosition.class, AGENT_DEFAULT_POSITION);
        long age = node.has("maxBufferAgeMillis") ? number(node, "maxBufferAgeMillis", where)
                : DEFAULT_BUFFER_AGE_MILLIS;
        if (age < MIN_BUFFER_AGE_MILLIS || age > MAX_BUFFER_AGE_MILLIS) {
            throw new IllegalArgumentException(where + ".maxBufferAgeMillis must be between " + MIN_BUFFER_AGE_MILLIS
                    + " and " + MAX_BUFFER_AGE_MILLIS + ", was " + age);
        }
        String keyOption = text(node, "partitionKeyOption", where + ".partitionKeyOption");
        if (keyOption != null && !Set.of("RANDOM", "DETERMINISTIC").contains(keyOption)) {
            throw new IllegalArgumentException(where + ".partitionKeyOption must be RANDOM or DETERMINISTIC, was "
                    + keyOption);
        }
        if ("DETERMINISTIC".equals(keyOption)) {
            warnings.add("agent.json: " + where + ".partitionKeyOption DETERMINISTIC (a hash of the data) has no "
                    + "counterpart: ecomlog packs many lines per record and keys them RANDOM");
        }
        var format = format(node.get("dataProcessingOptions"), where + ".dataProcessingOptions", warnings);
        return new FlowConfig(pattern, target, format, position, Duration.ofMillis(age), PartitionKeyStrategy.RANDOM);
    }

    /** LOGTOJSON with an Apache log format asks for the access-log parser; other options are not ours. */
    private static LineFormat format(JsonNode options, String where, List<String> warnings) {
        if (options == null || options.isNull()) {
            return LineFormat.AUTO;
        }
        if (!options.isArray()) {
            throw new IllegalArgumentException(where + " must be a list of processing options");
        }
        var format = LineFormat.AUTO;
        for (int i = 0; i < options.size(); i++) {
            var option = options.get(i);
            String at = where + "[" + i + "]";
            String name = option == null || !option.isObject() ? null : text(option, "optionName", at + ".optionName");
            if (name == null) {
                throw new IllegalArgumentException(at + ".optionName must be set");
            }
            if (!name.equals("LOGTOJSON")) {
                warnings.add("agent.json: " + at + ": processing option " + name + " is not supported and is "
                        + "ignored (lines are shipped as ecomlog events)");
                continue;
            }
            String logFormat = text(option, "logFormat", at + ".logFormat");
            if (logFormat == null) {
                throw new IllegalArgumentException(at + ".logFormat must be set for LOGTOJSON");
            }
            switch (logFormat) {
                case "COMMONAPACHELOG", "COMBINEDAPACHELOG" -> format = LineFormat.ACCESS_LOG;
                case "APACHEERRORLOG", "SYSLOG", "RFC3339SYSLOG", "RFC5424SYSLOG" -> warnings.add("agent.json: " + at
                        + ".logFormat " + logFormat + " is not parsed by ecomlog-ship: its lines are shipped as "
                        + "plain log events");
                default -> throw new IllegalArgumentException(at + ".logFormat must be COMMONAPACHELOG, "
                        + "COMBINEDAPACHELOG, APACHEERRORLOG or SYSLOG, was " + logFormat);
            }
            for (String extra : List.of("matchPattern", "customFieldNames")) {
                if (option.has(extra)) {
                    warnings.add("agent.json: " + at + "." + extra + " is ignored: ecomlog's access-log parser "
                            + "reads the Common and Combined formats and their Nginx variants");
                }
            }
        }
        return format;
    }

    private record Endpoint(URI override, String region) {
    }

    /**
     * A regional AWS endpoint gives the region and needs no override; anything else (a VPC endpoint, a local
     * stand-in) is used as the endpoint, with the region from the environment.
     */
    private static Endpoint endpoint(JsonNode root, String name) {
        String value = text(root, name, name);
        if (value == null || value.isBlank()) {
            return new Endpoint(null, null);
        }
        var regional = REGIONAL.matcher(value.toLowerCase(Locale.ROOT));
        if (regional.matches()) {
            return new Endpoint(null, regional.group(1));
        }
        try {
            var uri = URI.create(value.contains("://") ? value : "https://" + value);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException(name + " is not an endpoint URL: " + value);
            }
            return new Endpoint(uri, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not an endpoint URL: " + value, e);
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(where + " must be a string, was " + value);
        }
        return value.asText();
    }

    private static long number(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isTextual() && value.asText().matches("\\d+")) {
            return Long.parseLong(value.asText()); // the agent reads numbers given as strings too
        }
        throw new IllegalArgumentException(where + "." + field + " must be a whole number, was " + value);
    }

    private static <E extends Enum<E>> E choice(JsonNode node, String field, String where, Class<E> type,
                                                E fallback) {
        String value = text(node, field, where + "." + field);
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "." + field + " must be one of "
                    + Arrays.toString(type.getEnumConstants()) + ", was " + value);
        }
    }
}
