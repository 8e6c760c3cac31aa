package io.ecomlog.backend.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Glue (Hive) column types derived from the event JSON Schema that {@code ecomlog-core} generates from the Java
 * model, so the lake's table can never drift from what the client writes. An event is one flat JSON object: the
 * envelope's properties plus, for each event type, the fields of its payload; the table has the union of them.
 *
 * <p>Mapping: objects with properties become {@code struct<...>}, free maps {@code map<string,string>}, arrays
 * {@code array<...>}, integers {@code bigint}, timestamps {@code timestamp}; decimals stay {@code string} (they are
 * decimal strings on the wire, and a string column never fails a conversion; cast in SQL). Partition keys are left
 * out: Hive does not allow a column and a partition key of the same name, and the value is in the key.
 *
 * <p>Merge note: the athena module generates its table DDL from the same schema; when both are on one branch, this
 * class should give way to that generator.
 */
public final class GlueColumns {

    public static final String SCHEMA_RESOURCE = "/io/ecomlog/schema/ecomlog-event.schema.json";

    private final JsonNode schema;

    private GlueColumns(JsonNode schema) {
        this.schema = schema;
    }

    public static GlueColumns fromCoreSchema() {
        try (var in = GlueColumns.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " not on the classpath (ecomlog-core)");
            }
            return new GlueColumns(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Column name → Glue type, envelope first, then payload fields in schema order, without {@code excluded}. */
    public Map<String, String> columns(Set<String> excluded) {
        var columns = new LinkedHashMap<String, String>();
        schema.get("properties").fields().forEachRemaining(f -> columns.put(f.getKey(), type(f.getValue())));
        var defs = schema.get("$defs");
        for (JsonNode eventType : schema.get("properties").get("event_type").get("enum")) {
            JsonNode payload = resolve(defs.get(eventType.asText()));
            JsonNode properties = payload.get("properties");
            if (properties != null) {
                properties.fields().forEachRemaining(f -> columns.putIfAbsent(f.getKey(), type(f.getValue())));
            }
        }
        excluded.forEach(columns::remove);
        return columns;
    }

    /** The event types, in schema order (the values of the {@code event_type} partition). */
    public java.util.List<String> eventTypes() {
        var types = new java.util.ArrayList<String>();
        schema.get("properties").get("event_type").get("enum").forEach(t -> types.add(t.asText()));
        return types;
    }

    private String type(JsonNode node) {
        if (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            if (ref.equals("#/$defs/timestamp")) {
                return "timestamp";
            }
            if (ref.equals("#/$defs/decimal")) {
                return "string";
            }
            return type(resolve(node));
        }
        if (node.has("enum")) {
            return "string";
        }
        String t = node.path("type").asText("string");
        return switch (t) {
            case "integer" -> "bigint";
            case "number" -> "double";
            case "boolean" -> "boolean";
            case "array" -> "array<" + type(node.path("items")) + ">";
            case "object" -> node.has("properties") ? struct(node.get("properties")) : "map<string,string>";
            default -> "string";
        };
    }

    private String struct(JsonNode properties) {
        var fields = new StringJoiner(",", "struct<", ">");
        properties.fields().forEachRemaining(f -> fields.add(f.getKey() + ":" + type(f.getValue())));
        return fields.toString();
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            String name = node.get("$ref").asText().substring("#/$defs/".length());
            node = schema.get("$defs").get(name);
        }
        return node;
    }
}
