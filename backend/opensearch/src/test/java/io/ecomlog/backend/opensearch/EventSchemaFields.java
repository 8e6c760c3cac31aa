package io.ecomlog.backend.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fields of the event schema ({@code io/ecomlog/schema/ecomlog-event.schema.json} in ecomlog-core), flattened to
 * dotted paths (array items under the array's path) with a kind each: {@code timestamp}, {@code decimal},
 * {@code integer}, {@code string}, {@code object} (free-form). The envelope and every event type's payload fields
 * are at the top level, as the events are written.
 */
final class EventSchemaFields {

    private static final String SCHEMA = "/io/ecomlog/schema/ecomlog-event.schema.json";

    private EventSchemaFields() {
    }

    static Map<String, String> all() {
        JsonNode schema;
        try (InputStream in = EventSchemaFields.class.getResourceAsStream(SCHEMA)) {
            schema = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var fields = new TreeMap<String, String>();
        JsonNode defs = schema.path("$defs");
        collect(schema.path("properties"), "", defs, fields);
        for (JsonNode rule : schema.path("allOf")) {
            JsonNode eventType = resolve(rule.path("then"), defs);
            collect(resolve(eventType, defs).path("properties"), "", defs, fields);
        }
        return fields;
    }

    private static void collect(JsonNode properties, String prefix, JsonNode defs, Map<String, String> fields) {
        properties.fields().forEachRemaining(entry -> {
            String path = prefix + entry.getKey();
            JsonNode field = entry.getValue();
            String ref = field.path("$ref").asText("");
            if (ref.endsWith("/timestamp")) {
                fields.put(path, "timestamp");
            } else if (ref.endsWith("/decimal")) {
                fields.put(path, "decimal");
            } else if (!ref.isEmpty()) {
                collect(resolve(field, defs).path("properties"), path + ".", defs, fields);
            } else if ("array".equals(field.path("type").asText())) {
                collect(resolve(field.path("items"), defs).path("properties"), path + ".", defs, fields);
            } else if ("object".equals(field.path("type").asText())) {
                fields.put(path, "object");
            } else if ("integer".equals(field.path("type").asText())) {
                fields.put(path, "integer");
            } else {
                fields.put(path, "string"); // strings and enums
            }
        });
    }

    private static JsonNode resolve(JsonNode node, JsonNode defs) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/$defs/") ? defs.path(ref.substring("#/$defs/".length())) : node;
    }
}
