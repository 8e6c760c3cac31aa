package io.ecomlog.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.codec.JsonSchemaGenerator;
import io.ecomlog.event.Decimals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The columns of the data lake's tables, derived from the event JSON Schema that core generates from the Java model
 * ({@link JsonSchemaGenerator#RESOURCE}) — the one description of an event, read here rather than written a second
 * time. An event is one flat JSON object: the envelope's properties plus the top-level fields of its type's payload,
 * so a table holds the envelope and the union of every payload's fields (a name used by two payloads must have one
 * type, checked here).
 *
 * <ul>
 *   <li>{@link #rawEvents()}: the NDJSON objects as written, under the partitions of
 *       {@code io.ecomlog.record.ObjectKeys}; times and money stay strings, as on the wire.</li>
 *   <li>{@link #events()}: curated Parquet, typed (timestamps, {@code decimal}), partitioned by
 *       {@code event_type} and {@code event_date}.</li>
 *   <li>{@link #orderItems()}: one row per product line of an order event, so per-product sales need no
 *       {@code UNNEST} (whose syntax differs between engines).</li>
 * </ul>
 * Free-form JSON objects ({@code properties}) are kept as JSON text; string maps as {@code map<string,string>}.
 */
public final class LakeTables {

    /** Table names in the Glue database. */
    public static final String RAW_TABLE = "events_raw";
    public static final String EVENTS_TABLE = "events";
    public static final String ORDER_ITEMS_TABLE = "order_items";

    /** Partition keys of the raw layout, in key order (see {@code ObjectKeys}). */
    public static final List<String> RAW_PARTITIONS = List.of("event_type", "year", "month", "day", "hour");
    /** Partition keys of the curated tables, in path order. */
    public static final List<String> CURATED_PARTITIONS = List.of("event_type", "event_date");
    /** Money: as many digits as {@link Decimals} allows on the wire. */
    public static final String DECIMAL = "decimal(" + (Decimals.MAX_INTEGER_DIGITS + Decimals.MAX_FRACTION_DIGITS)
            + "," + Decimals.MAX_FRACTION_DIGITS + ")";
    /** The product fields an {@link #orderItems()} row takes from its order. */
    public static final List<String> ORDER_ITEM_CONTEXT = List.of("event_id", "event_time", "user_id", "session_id",
            "currency", "order_id");

    private static final String DEFS = "#/$defs/";
    private static final String PRODUCT = "Product";

    private final JsonNode schema;
    private final boolean typed;

    private LakeTables(JsonNode schema, boolean typed) {
        this.schema = schema;
        this.typed = typed;
    }

    /** Reads the schema resource from the class path (ecomlog-core's jar). */
    public static JsonNode eventSchema() {
        try (InputStream in = JsonSchemaGenerator.class.getClassLoader()
                .getResourceAsStream(JsonSchemaGenerator.RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(JsonSchemaGenerator.RESOURCE + " is not on the class path");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw table's columns: the event as written, without {@code event_type} (a partition key there). */
    public static List<LakeColumn> rawEvents() {
        return new LakeTables(eventSchema(), false).eventColumns();
    }

    /** The curated events table's columns (partition keys not included). */
    public static List<LakeColumn> events() {
        return new LakeTables(eventSchema(), true).eventColumns();
    }

    /** The curated order-items table's columns: the order's context, then the product's fields. */
    public static List<LakeColumn> orderItems() {
        var tables = new LakeTables(eventSchema(), true);
        var events = tables.eventColumns().stream().collect(Collectors.toMap(LakeColumn::name, c -> c));
        var columns = new ArrayList<LakeColumn>();
        ORDER_ITEM_CONTEXT.forEach(name -> columns.add(events.get(name)));
        tables.schema.path("$defs").path(PRODUCT).path("properties").fields()
                .forEachRemaining(f -> columns.add(new LakeColumn(f.getKey(), tables.type(f.getValue()))));
        return columns;
    }

    /** The event types the schema knows, for partition projection. */
    public static Set<String> eventTypes() {
        var types = new TreeSet<String>();
        eventSchema().path("properties").path("event_type").path("enum").forEach(t -> types.add(t.asText()));
        return types;
    }

    private List<LakeColumn> eventColumns() {
        var columns = new LinkedHashMap<String, String>();
        schema.path("properties").fields().forEachRemaining(f -> {
            if (!f.getKey().equals("event_type")) {
                columns.put(f.getKey(), type(f.getValue()));
            }
        });
        for (String shape : payloadShapes()) {
            schema.path("$defs").path(shape).path("properties").fields()
                    .forEachRemaining(f -> add(columns, f.getKey(), type(f.getValue()), shape));
        }
        return columns.entrySet().stream().map(e -> new LakeColumn(e.getKey(), e.getValue())).toList();
    }

    /** The payload definitions the event types refer to, in the order the types are listed. */
    private List<String> payloadShapes() {
        var shapes = new LinkedHashMap<String, Boolean>();
        for (JsonNode type : schema.path("properties").path("event_type").path("enum")) {
            shapes.put(defName(schema.path("$defs").path(type.asText()).path("$ref").asText()), true);
        }
        return List.copyOf(shapes.keySet());
    }

    private static void add(Map<String, String> columns, String name, String type, String shape) {
        String known = columns.putIfAbsent(name, type);
        if (known != null && !known.equals(type)) {
            throw new IllegalStateException("field " + name + " of " + shape + " is " + type + " but " + known
                    + " elsewhere: one column cannot hold both");
        }
    }

    /** The Hive type of a property's JSON Schema. */
    private String type(JsonNode property) {
        String ref = property.path("$ref").asText("");
        if (!ref.isEmpty()) {
            return switch (defName(ref)) {
                case "decimal" -> typed ? DECIMAL : "string";
                case "timestamp" -> typed ? "timestamp" : "string";
                default -> struct(schema.path("$defs").path(defName(ref)));
            };
        }
        return switch (property.path("type").asText()) {
            case "string" -> "string";
            case "integer" -> "bigint";
            case "boolean" -> "boolean";
            case "number" -> "double";
            case "array" -> "array<" + type(property.path("items")) + ">";
            case "object" -> property.has("additionalProperties")
                    ? "map<string," + type(property.path("additionalProperties")) + ">"
                    : "string"; // free-form JSON, kept as its text
            default -> throw new IllegalStateException("no column type for schema " + property);
        };
    }

    private String struct(JsonNode definition) {
        var fields = new ArrayList<String>();
        definition.path("properties").fields()
                .forEachRemaining(f -> fields.add(f.getKey() + ":" + type(f.getValue())));
        return "struct<" + String.join(",", fields) + ">";
    }

    private static String defName(String ref) {
        if (!ref.startsWith(DEFS)) {
            throw new IllegalStateException("unexpected $ref " + ref);
        }
        return ref.substring(DEFS.length());
    }
}
