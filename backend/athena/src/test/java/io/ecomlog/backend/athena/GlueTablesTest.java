package io.ecomlog.backend.athena;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.lake.LakeColumn;
import io.ecomlog.lake.LakeTables;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The DDL (Hive's dialect, which Trino's parser rejects, so checked here): columns from the event schema, every
 * type well-formed, partition projection over every event type and the key layout the client writes.
 */
class GlueTablesTest {

    private final GlueTables tables = new GlueTables("ecomlog");

    @Test
    void rawTableReadsTheClientsKeyLayoutWithTheSchemasColumns() {
        String ddl = tables.rawDdl("s3://lake/raw");
        for (LakeColumn c : LakeTables.rawEvents()) {
            assertThat(ddl).contains(c.definition());
        }
        assertThat(ddl).contains("PARTITIONED BY (`event_type` string, `year` string, `month` string, `day` string,"
                        + " `hour` string)")
                .contains("'storage.location.template' = 's3://lake/raw/event_type=${event_type}/year=${year}"
                        + "/month=${month}/day=${day}/hour=${hour}/'")
                .contains("'projection.event_type.values' = '" + String.join(",", LakeTables.eventTypes()) + "'")
                .contains("org.openx.data.jsonserde.JsonSerDe")
                .doesNotContain("`event_type` string,\n"); // a partition key, not a column too
    }

    @Test
    void curatedTablesAreParquetByTypeAndDay() {
        String ddl = tables.curatedDdl(LakeTables.ORDER_ITEMS_TABLE, LakeTables.orderItems(), "s3://lake/curated/");
        assertThat(ddl).contains("STORED AS PARQUET")
                .contains("LOCATION 's3://lake/curated/order_items/'")
                .contains("'projection.event_date.type' = 'date'")
                .contains("`price` " + LakeTables.DECIMAL)
                .contains("`event_time` timestamp");
    }

    @Test
    void everyColumnTypeIsWellFormed() {
        for (var columns : java.util.List.of(LakeTables.rawEvents(), LakeTables.events(), LakeTables.orderItems())) {
            for (LakeColumn c : columns) {
                assertThat(DuckDbTypes.of(c.hiveType())).as(c.name()).isNotBlank();
            }
        }
        assertThat(DuckDbTypes.of("array<struct<a:string,b:decimal(38,18)>>"))
                .isEqualTo("STRUCT(\"a\" VARCHAR, \"b\" DECIMAL(38,18))[]");
        assertThat(DuckDbTypes.of("map<string,bigint>")).isEqualTo("MAP(VARCHAR, BIGINT)");
        assertThatThrownBy(() -> DuckDbTypes.of("struct<a:string")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DuckDbTypes.of("varchar(3)")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void crawlerTargetsTheRawPrefix() throws Exception {
        var crawler = new ObjectMapper().readTree(tables.crawler("ecomlog-raw", "arn:aws:iam::1:role/r", "s3://l/raw"));
        assertThat(crawler.path("Targets").path("S3Targets").get(0).path("Path").asText()).isEqualTo("s3://l/raw/");
        assertThat(crawler.path("DatabaseName").asText()).isEqualTo("ecomlog");
    }
}
