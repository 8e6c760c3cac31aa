package io.ecomlog.codec;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecomlog.event.Decimals;
import io.ecomlog.event.EventType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives the JSON Schema (draft 2020-12) of the wire format from the Java model, through the same
 * {@link RecordModel}s the codec uses, and from {@link EventType} (type names, payload shapes, required fields).
 * The result is checked in as the resource {@value #RESOURCE} for the backend and other readers; a test fails when
 * it is out of date.
 *
 * <p>Layout: the envelope's properties at the top; one {@code if event_type = X then $defs/X} per type; in
 * {@code $defs} the value objects, one definition per payload shape (its top-level fields) and one per event type
 * (its shape plus its required fields). Money is {@code $defs/decimal}: a string with a decimal pattern.
 *
 * <p>Regenerate with {@code ./mvnw -pl contract -am test -Dtest=JsonSchemaTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Decomlog.schema.update=true}, or run {@link #main(String[])} from the repository root or the module directory.
 */
public final class JsonSchemaGenerator {

    /** Classpath location of the checked-in schema. */
    public static final String RESOURCE = "io/ecomlog/schema/ecomlog-event.schema.json";

    private static final String DEFS = "#/$defs/";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final EventModel model = EventModel.shared();

    /**
     * Writes the schema to {@code args[0]}, or to the checked-in resource under {@code src/main/resources} of
     * ecomlog-core when no argument is given.
     */
    public static void main(String[] args) throws IOException {
        Path target = args.length > 0 ? Path.of(args[0]) : defaultTarget();
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, new JsonSchemaGenerator().generate(), StandardCharsets.UTF_8);
        System.out.println("wrote " + target.toAbsolutePath().normalize());
    }

    private static Path defaultTarget() {
        Path sources = Path.of("src", "main", "resources");
        Path module = Path.of("ecomlog-core");
        return (Files.isDirectory(module) ? module.resolve(sources) : sources).resolve(RESOURCE);
    }

    /** The schema as pretty-printed JSON with LF line ends and a final newline; deterministic. */
    public String generate() {
        var printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return new ObjectMapper().writer(printer).writeValueAsString(schema()) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot print the schema", e);
        }
    }

    private ObjectNode schema() {
        ObjectNode root = NODES.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "https://ecomlog.io/schema/ecomlog-event.schema.json");
        root.put("title", "ecomlog event");
        root.put("description", "One e-commerce or log event: a flat JSON object, one per NDJSON line. The envelope "
                + "fields are listed here; the fields of each event_type are in $defs/<event_type>. Unknown fields are "
                + "allowed (readers ignore them).");
        root.put("$comment", "Generated from the Java model by io.ecomlog.codec.JsonSchemaGenerator; do not edit. "
                + "Regenerate: ./mvnw -pl contract -am test -Dtest=JsonSchemaTest -Dsurefire.failIfNoSpecifiedTests=false -Decomlog.schema.update=true");
        root.put("type", "object");
        strings(root.putArray("required"), EventModel.EVENT_ID, EventModel.EVENT_TYPE, EventModel.SCHEMA_VERSION,
                EventModel.EVENT_TIME);
        root.set("properties", envelope());
        ArrayNode allOf = root.putArray("allOf");
        for (EventType type : EventType.values()) {
            ObjectNode rule = allOf.addObject();
            ObjectNode condition = rule.putObject("if");
            condition.putObject("properties").putObject(EventModel.EVENT_TYPE).put("const", type.wireName());
            strings(condition.putArray("required"), EventModel.EVENT_TYPE);
            rule.putObject("then").put("$ref", DEFS + type.wireName());
        }
        root.set("$defs", definitions());
        return root;
    }

    private ObjectNode envelope() {
        ObjectNode p = NODES.objectNode();
        p.putObject(EventModel.EVENT_ID).put("type", "string").put("format", "uuid")
                .put("description", "UUID v7 (time-ordered); the dedup key");
        strings(p.putObject(EventModel.EVENT_TYPE).putArray("enum"),
                Arrays.stream(EventType.values()).map(EventType::wireName).toArray(String[]::new));
        p.putObject(EventModel.SCHEMA_VERSION).put("type", "integer").put("minimum", 1);
        p.putObject(EventModel.EVENT_TIME).put("$ref", DEFS + "timestamp")
                .put("description", "when it happened, by the client's clock");
        p.putObject(EventModel.SENT_AT).put("$ref", DEFS + "timestamp")
                .put("description", "when the pipeline sent it");
        p.putObject(EventModel.USER_ID).put("type", "string");
        p.putObject(EventModel.ANONYMOUS_ID).put("type", "string");
        p.putObject(EventModel.SESSION_ID).put("type", "string");
        p.putObject(EventModel.APP).put("$ref", DEFS + model.app.type.getSimpleName());
        p.putObject(EventModel.CLIENT).put("$ref", DEFS + model.client.type.getSimpleName());
        p.putObject(EventModel.PAGE).put("$ref", DEFS + model.page.type.getSimpleName());
        p.putObject(EventModel.TRAFFIC_SOURCE).put("$ref", DEFS + model.trafficSource.type.getSimpleName());
        p.putObject(EventModel.CURRENCY).put("type", "string").put("pattern", "^[A-Z]{3}$")
                .put("description", "ISO 4217 code of every amount in the event");
        p.putObject(EventModel.VALUE).put("$ref", DEFS + "decimal");
        p.putObject(EventModel.PROPERTIES).put("type", "object").put("description", "free-form JSON values");
        p.putObject(EventModel.MDC).put("type", "object").put("description", "logging context of log events")
                .putObject("additionalProperties").put("type", "string");
        return p;
    }

    private ObjectNode definitions() {
        ObjectNode defs = NODES.objectNode();
        defs.putObject("decimal").put("type", "string").put("pattern", Decimals.PATTERN)
                .put("description", "a decimal number as a string, e.g. \"19.95\"; never a JSON number");
        defs.putObject("timestamp").put("type", "string").put("format", "date-time")
                .put("pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$")
                .put("description", "ISO-8601 in UTC with exactly three fraction digits");
        for (RecordModel value : valueRecords()) {
            defs.set(value.type.getSimpleName(), recordSchema(value.fields));
        }
        for (EventType type : EventType.values()) {
            var payload = model.payload(type);
            String shape = payload.record().type.getSimpleName();
            if (!defs.has(shape)) {
                defs.set(shape, recordSchema(payload.topLevel().values()));
            }
        }
        for (EventType type : EventType.values()) {
            defs.set(type.wireName(), eventDefinition(type));
        }
        return defs;
    }

    /** Envelope objects and the records nested in payloads (products), in a stable order. */
    private List<RecordModel> valueRecords() {
        var out = new ArrayList<RecordModel>(List.of(model.app, model.client, model.page, model.trafficSource));
        for (EventType type : EventType.values()) {
            for (FieldModel f : model.payload(type).topLevel().values()) {
                if (f.nested != null && !out.contains(f.nested)) {
                    out.add(f.nested);
                }
            }
        }
        return out;
    }

    private ObjectNode recordSchema(Iterable<FieldModel> fields) {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        for (FieldModel f : fields) {
            properties.set(f.name, fieldSchema(f));
        }
        return schema;
    }

    private static ObjectNode fieldSchema(FieldModel f) {
        ObjectNode s = NODES.objectNode();
        switch (f.kind) {
            case STRING -> s.put("type", "string");
            case INT, LONG -> s.put("type", "integer");
            case DECIMAL -> s.put("$ref", DEFS + "decimal");
            case INSTANT -> s.put("$ref", DEFS + "timestamp");
            case RECORD, FLATTENED -> s.put("$ref", DEFS + f.nested.type.getSimpleName());
            case RECORD_LIST -> s.put("type", "array").putObject("items")
                    .put("$ref", DEFS + f.nested.type.getSimpleName());
            case STRING_MAP -> s.put("type", "object").putObject("additionalProperties").put("type", "string");
            case JSON_MAP -> s.put("type", "object");
        }
        return s;
    }

    /** The payload shape of the type plus one condition per required field (alternatives as {@code anyOf}). */
    private ObjectNode eventDefinition(EventType type) {
        var payload = model.payload(type);
        ObjectNode def = NODES.objectNode();
        def.put("description", type.wireName() + ": the fields of " + payload.record().type.getSimpleName()
                + " and the ones it requires");
        def.put("$ref", DEFS + payload.record().type.getSimpleName());
        List<List<String>> required = type.requiredFields();
        if (!required.isEmpty()) {
            ArrayNode allOf = def.putArray("allOf");
            for (List<String> alternatives : required) {
                if (alternatives.size() == 1) {
                    allOf.add(condition(alternatives.get(0), payload.topLevel()));
                } else {
                    ArrayNode anyOf = allOf.addObject().putArray("anyOf");
                    alternatives.forEach(path -> anyOf.add(condition(path, payload.topLevel())));
                }
            }
        }
        return def;
    }

    /**
     * The schema that holds when the wire path is set: {@code a} required (and not blank if a string),
     * {@code a.b} required inside object {@code a}, {@code a[].b} required in every element of array {@code a}.
     */
    private ObjectNode condition(String path, Map<String, FieldModel> topLevel) {
        List<String> segments = List.of(path.split("\\."));
        return condition(segments, envelopeAndPayload(topLevel), path);
    }

    private ObjectNode condition(List<String> segments, Map<String, FieldModel> fields, String path) {
        String segment = segments.get(0);
        boolean each = segment.endsWith("[]");
        String name = each ? segment.substring(0, segment.length() - 2) : segment;
        FieldModel field = fields.get(name);
        if (field == null) {
            throw new IllegalStateException("required path " + path + " names no field \"" + name + "\"");
        }
        ObjectNode condition = NODES.objectNode();
        List<String> rest = segments.subList(1, segments.size());
        if (each) {
            condition.putObject("properties").putObject(name).putObject("items")
                    .setAll(condition(rest, field.nested.byName, path));
            return condition;
        }
        strings(condition.putArray("required"), name);
        if (!rest.isEmpty()) {
            condition.putObject("properties").set(name, condition(rest, field.nested.byName, path));
        } else if (field.kind == FieldKind.STRING) {
            condition.putObject("properties").putObject(name).put("pattern", "\\S");
        }
        return condition;
    }

    /** Payload fields plus the envelope objects a requirement may reach into ({@code page.url}). */
    private Map<String, FieldModel> envelopeAndPayload(Map<String, FieldModel> topLevel) {
        var all = new HashMap<>(topLevel);
        all.put(EventModel.APP, new FieldModel(EventModel.APP, FieldKind.RECORD, model.app, -1, null));
        all.put(EventModel.CLIENT, new FieldModel(EventModel.CLIENT, FieldKind.RECORD, model.client, -1, null));
        all.put(EventModel.PAGE, new FieldModel(EventModel.PAGE, FieldKind.RECORD, model.page, -1, null));
        all.put(EventModel.TRAFFIC_SOURCE,
                new FieldModel(EventModel.TRAFFIC_SOURCE, FieldKind.RECORD, model.trafficSource, -1, null));
        return all;
    }

    private static void strings(ArrayNode array, String... values) {
        for (String v : values) {
            array.add(v);
        }
    }
}
