package io.ecomlog.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.testing.MiniJsonSchema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KpiCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final KpiCodec codec = new KpiCodec();

    private static SalesKpi sample() {
        return new SalesKpi("shop-a", Instant.parse("2026-12-02T10:00:00Z"), Instant.parse("2026-12-02T10:01:00Z"),
                3, Map.of("EUR", new BigDecimal("10.10"), "GBP", new BigDecimal("0.30")), 7,
                List.of(new SalesKpi.ProductSales("p1", 5), new SalesKpi.ProductSales("p2", 2)), 9, 3, 40);
    }

    @Test
    void roundTripsAndMatchesItsSchema() throws IOException {
        byte[] json = codec.encode(sample());

        assertThat(codec.decode(json)).isEqualTo(sample());
        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text).contains("\"revenue\":{\"EUR\":\"10.10\",\"GBP\":\"0.30\"}")
                .contains("\"conversion_rate\":\"0.3333\"").contains("\"kpi_id\":\"shop-a#1796205600000\"")
                .doesNotContain("\n");
        assertThat(new MiniJsonSchema(schemaNode()).validate(JSON.readTree(json))).isEmpty();
        assertThat(KpiCodec.isKpi(JSON.readTree(json))).isTrue();
    }

    @Test
    void theSchemaListsExactlyTheFieldsTheCodecWrites() throws IOException {
        var written = new TreeSet<String>();
        JSON.readTree(codec.encode(sample())).fieldNames().forEachRemaining(written::add);
        var described = new TreeSet<String>();
        schemaNode().get("properties").fieldNames().forEachRemaining(described::add);
        assertThat(written).isEqualTo(described);
    }

    @Test
    void aWindowWithoutSessionsConvertsAtZeroAndOtherRecordsAreNotKpis() throws IOException {
        var quiet = new SalesKpi("s", Instant.EPOCH, Instant.EPOCH.plusSeconds(60), 0, null, 0, null, 0, 0, 0);
        assertThat(quiet.conversionRate()).isEqualByComparingTo("0");
        assertThat(KpiCodec.isKpi(JSON.readTree("{\"kind\":\"bot_user\"}"))).isFalse();
        assertThatThrownBy(() -> codec.decode("{\"kind\":\"bot_user\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("record_type");
        assertThatThrownBy(() -> new SalesKpi("s", Instant.EPOCH, Instant.EPOCH, 0, null, 0, null, 1, 2, 0))
                .hasMessageContaining("sessions_with_order");
    }

    private static JsonNode schemaNode() throws IOException {
        try (var in = KpiCodec.class.getResourceAsStream(KpiCodec.SCHEMA_RESOURCE)) {
            return JSON.readTree(in);
        }
    }
}
