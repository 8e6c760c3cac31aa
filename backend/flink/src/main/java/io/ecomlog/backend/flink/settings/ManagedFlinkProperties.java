package io.ecomlog.backend.flink.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Managed Service for Apache Flink's runtime properties: the application's property groups, which the service writes
 * to {@value #LOCATION} as {@code [{"PropertyGroupId": "...", "PropertyMap": {...}}]}. Read here with Jackson rather
 * than through {@code aws-kinesisanalytics-runtime}, whose 1.2.0 release drags an old {@code flink-core} onto the
 * class path to read those few lines.
 */
public final class ManagedFlinkProperties {

    public static final String LOCATION = "/etc/flink/application_properties.json";

    private ManagedFlinkProperties() {
    }

    /** The property groups in that file, or none when it does not exist (not on Managed Flink). */
    public static Map<String, Properties> read(Path file) {
        var groups = new LinkedHashMap<String, Properties>();
        if (!Files.isRegularFile(file)) {
            return groups;
        }
        try {
            for (JsonNode group : new ObjectMapper().readTree(file.toFile())) {
                var properties = new Properties();
                group.path("PropertyMap").fields()
                        .forEachRemaining(e -> properties.setProperty(e.getKey(), e.getValue().asText()));
                groups.put(group.path("PropertyGroupId").asText(), properties);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the application properties in " + file, e);
        }
        return groups;
    }
}
