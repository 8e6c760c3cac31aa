package io.ecomlog.backend.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Glue columns derived from the core's event JSON Schema. */
class GlueColumnsTest {

    private final GlueColumns schema = GlueColumns.fromCoreSchema();

    @Test
    void envelopeAndPayloadFieldsBecomeHiveTypes() {
        var columns = schema.columns(Set.of());
        assertThat(columns).containsEntry("event_id", "string")
                .containsEntry("schema_version", "bigint")
                .containsEntry("event_time", "timestamp")
                .containsEntry("value", "string") // decimals stay exact strings
                .containsEntry("mdc", "map<string,string>")
                .containsEntry("properties", "map<string,string>")
                .containsEntry("app", "struct<name:string,version:string,environment:string,host:string>")
                .containsEntry("status", "bigint");
        assertThat(columns.get("products")).startsWith("array<struct<product_id:string,sku:string,")
                .contains("quantity:bigint");
        // the envelope comes first, in schema order
        assertThat(columns.keySet()).startsWith("event_id", "event_type", "schema_version", "event_time");
    }

    @Test
    void partitionKeysAreLeftOut() {
        assertThat(schema.columns(Set.copyOf(Ingest.PARTITION_KEYS))).doesNotContainKeys("event_type", "year");
    }

    @Test
    void eventTypesAreTheSchemasEnum() {
        assertThat(schema.eventTypes()).contains("order_completed", "http_access", "log").hasSize(26);
    }
}
