package io.ecomlog.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import io.ecomlog.event.ExampleEvents;
import io.ecomlog.testing.MiniJsonSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checked-in JSON Schema is what the generator derives from the model now, and it accepts what the codec
 * writes. Run with {@code -Decomlog.schema.update=true} to rewrite the file instead of failing.
 */
class JsonSchemaTest {

    static final String REGENERATE =
            "./mvnw -pl contract -am test -Dtest=JsonSchemaTest -Dsurefire.failIfNoSpecifiedTests=false -Decomlog.schema.update=true";
    /** Surefire runs in the module directory; an IDE may run in the repository root. */
    private static final Path CHECKED_IN = (Files.isDirectory(Path.of("contract"))
            ? Path.of("contract", "src", "main", "resources")
            : Path.of("src", "main", "resources")).resolve(JsonSchemaGenerator.RESOURCE);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static String generated;
    private static MiniJsonSchema schema;

    @BeforeAll
    static void generate() throws IOException {
        generated = new JsonSchemaGenerator().generate();
        schema = new MiniJsonSchema(JSON.readTree(generated));
    }

    @Test
    void checkedInSchemaIsUpToDate() throws IOException {
        if (Boolean.getBoolean("ecomlog.schema.update")) {
            Files.createDirectories(CHECKED_IN.getParent());
            Files.writeString(CHECKED_IN, generated, StandardCharsets.UTF_8);
        }
        String checkedIn = Files.exists(CHECKED_IN) ? Files.readString(CHECKED_IN, StandardCharsets.UTF_8) : "";

        assertThat(checkedIn)
                .as("%s is out of date with the Java model (or missing). Regenerate it from the repository root with:%n"
                        + "  %s%nthen review and commit the diff.", CHECKED_IN.toAbsolutePath().normalize(), REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void checkedInSchemaIsOnTheClasspath() throws IOException {
        try (var in = JsonSchemaTest.class.getClassLoader().getResourceAsStream(JsonSchemaGenerator.RESOURCE)) {
            assertThat(in).as("resource " + JsonSchemaGenerator.RESOURCE).isNotNull();
            assertThat(JSON.readTree(in).get("$schema").asText())
                    .isEqualTo("https://json-schema.org/draft/2020-12/schema");
        }
    }

    @Test
    void generationIsDeterministicAndLineEndsAreLf() {
        assertThat(new JsonSchemaGenerator().generate()).isEqualTo(generated);
        assertThat(generated).doesNotContain("\r").endsWith("}\n");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEncodedExampleIsValidAgainstTheSchema(EventType type) throws IOException {
        EcomEvent event = ExampleEvents.of(type);
        JsonNode line = JSON.readTree(new EventCodec().encode(event, Instant.parse("2026-11-22T18:58:18Z")));

        assertThat(schema.validate(line)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaRejectsAnExampleWithoutItsRequiredFields(EventType type) throws IOException {
        ObjectNode line = (ObjectNode) JSON.readTree(new EventCodec().encode(ExampleEvents.of(type)));
        for (var alternatives : type.requiredFields()) {
            for (String path : alternatives) {
                remove(line, path);
            }
        }

        assertThat(type.requiredFields()).isNotEmpty();
        assertThat(schema.validate(line)).isNotEmpty();
    }

    @Test
    void schemaRejectsWrongTypesAndFormats() throws IOException {
        var order = ExampleEvents.of(EventType.ORDER_COMPLETED);
        ObjectNode line = (ObjectNode) JSON.readTree(new EventCodec().encode(order));
        line.put("total", 843.70);
        line.put("event_time", "2026-11-22T18:58:17Z");
        ((ObjectNode) line.get("products").get(0)).put("quantity", "two");
        ObjectNode unknownType = line.deepCopy().put("event_type", "order_placed");

        assertThat(schema.validate(line)).containsExactlyInAnyOrder(
                "$.total: expected string, was 843.7",
                "$.event_time: \"2026-11-22T18:58:17Z\" does not match " + schema.timestampPattern(),
                "$.products[0].quantity: expected integer, was \"two\"");
        assertThat(schema.validate(unknownType)).anyMatch(e -> e.startsWith("$.event_type: not in enum"));
    }

    @Test
    void moneyIsADecimalStringAndEveryTypeHasADefinition() throws IOException {
        JsonNode root = JSON.readTree(generated);
        JsonNode defs = root.get("$defs");

        assertThat(defs.get("decimal").get("type").asText()).isEqualTo("string");
        assertThat(defs.get("decimal").get("pattern").asText()).isEqualTo(io.ecomlog.event.Decimals.PATTERN);
        assertThat(defs.get("Product").get("properties").get("price").get("$ref").asText())
                .isEqualTo("#/$defs/decimal");
        assertThat(defs.get("Order").get("properties").get("total").get("$ref").asText()).isEqualTo("#/$defs/decimal");
        assertThat(root.get("properties").get("value").get("$ref").asText()).isEqualTo("#/$defs/decimal");
        for (EventType type : EventType.values()) {
            assertThat(defs.has(type.wireName())).as(type.wireName()).isTrue();
        }
        assertThat(StreamSupport.stream(root.get("allOf").spliterator(), false)).hasSize(EventType.values().length);
    }

    /** Removes a required wire path ({@code a}, {@code a.b}, {@code a[].b}) from an encoded event. */
    private static void remove(ObjectNode line, String path) {
        String[] segments = path.split("\\.");
        if (segments.length == 1) {
            line.remove(path);
        } else if (segments[0].endsWith("[]")) {
            line.get(segments[0].substring(0, segments[0].length() - 2))
                    .forEach(element -> ((ObjectNode) element).remove(segments[1]));
        } else if (line.get(segments[0]) instanceof ObjectNode nested) {
            nested.remove(segments[1]);
        }
    }
}
