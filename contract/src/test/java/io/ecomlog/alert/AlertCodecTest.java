package io.ecomlog.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.testing.MiniJsonSchema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AlertCodec codec = new AlertCodec();

    static Alert sample() {
        return Alert.of(Alert.Kinds.BOT_USER, "user", "u-17", 11, new BigDecimal("10"), null,
                Instant.parse("2026-12-02T10:00:00Z"), Instant.parse("2026-12-02T10:00:10Z"),
                Instant.parse("2026-12-02T10:00:10.250Z"), Alert.Severity.WARNING, "flink:bot-detection",
                "11 actions in 10 s", List.of("e1", "e2", "e3", "e4", "e5", "e6"));
    }

    @Test
    void roundTripsAndMatchesItsSchema() throws IOException {
        Alert alert = sample();
        byte[] json = codec.encode(alert);

        assertThat(codec.decode(json)).isEqualTo(alert);
        assertThat(alert.sampleEventIds()).hasSize(Alert.MAX_SAMPLES);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"window_start\":\"2026-12-02T10:00:00.000Z\"")
                .contains("\"threshold\":\"10\"").doesNotContain("\n");
        assertThat(schema().validate(JSON.readTree(json))).isEmpty();
    }

    @Test
    void theSchemaListsExactlyTheFieldsTheCodecWrites() throws IOException {
        var withEverything = new Alert(null, 1, "k", "t", "v", 1, BigDecimal.ONE, BigDecimal.TEN,
                Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, Alert.Severity.INFO, "s", "m", List.of("x"));
        var written = new TreeSet<String>();
        JSON.readTree(codec.encode(withEverything)).fieldNames().forEachRemaining(written::add);
        var described = new TreeSet<String>();
        schemaNode().get("properties").fieldNames().forEachRemaining(described::add);
        assertThat(written).isEqualTo(described);
    }

    @Test
    void theSameFindingHasTheSameIdWhoeverRaisesIt() {
        var a = sample();
        var b = Alert.of(a.kind(), a.keyType(), a.key(), 15, null, null, a.windowStart(), a.windowEnd(),
                Instant.now(), Alert.Severity.CRITICAL, "lambda:alerter", null, null);
        assertThat(b.alertId()).isEqualTo(a.alertId()).matches("[0-9a-f]{32}");
    }

    @Test
    void badAlertsSayWhichFieldIsWrong() {
        List<String> bad = new ArrayList<>(List.of("[]", "{", "{\"kind\":\"x\"}",
                "{\"kind\":\"x\",\"key_type\":\"u\",\"key\":\"k\",\"count\":1.5,\"window_start\":\"2026-01-01T00:00:00Z\","
                        + "\"window_end\":\"2026-01-01T00:00:00Z\",\"detected_at\":\"2026-01-01T00:00:00Z\","
                        + "\"severity\":\"info\",\"source\":\"s\"}",
                "{\"kind\":\"x\",\"key_type\":\"u\",\"key\":\"k\",\"count\":1,\"window_start\":\"yesterday\","
                        + "\"window_end\":\"2026-01-01T00:00:00Z\",\"detected_at\":\"2026-01-01T00:00:00Z\","
                        + "\"severity\":\"info\",\"source\":\"s\"}"));
        for (String json : bad) {
            assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8)))
                    .as(json).isInstanceOf(MalformedAlertException.class);
        }
        assertThatThrownBy(() -> codec.decode(bad.get(4).getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("window_start");
    }

    private static JsonNode schemaNode() throws IOException {
        try (var in = AlertCodec.class.getResourceAsStream(AlertCodec.SCHEMA_RESOURCE)) {
            return JSON.readTree(in);
        }
    }

    private static MiniJsonSchema schema() throws IOException {
        return new MiniJsonSchema(schemaNode());
    }
}
