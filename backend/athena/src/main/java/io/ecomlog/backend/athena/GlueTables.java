package io.ecomlog.backend.athena;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ecomlog.lake.LakeColumn;
import io.ecomlog.lake.LakeTables;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Glue catalog's tables as Athena DDL, with columns from {@link LakeTables} (so from the event JSON Schema) and
 * partition projection, so that queries find partitions without a crawler or {@code MSCK REPAIR}:
 * <ul>
 *   <li>{@code events_raw}: the NDJSON.gz objects as the client, Firehose and the local lake write them
 *       ({@code event_type=/year=/month=/day=/hour=}), read with the OpenX JSON SerDe;</li>
 *   <li>{@code events} and {@code order_items}: the ETL's Parquet ({@code event_type=/event_date=}).</li>
 * </ul>
 * A crawler definition over the raw prefix is kept as well ({@link #crawler}), for accounts that catalogue by
 * crawling; with projection on, the tables above need none.
 *
 * <pre>GlueTables OUT_DIR DATABASE RAW_S3_URI CURATED_S3_URI</pre>
 * writes {@code events_raw.sql}, {@code events.sql}, {@code order_items.sql} and {@code crawler.json} to OUT_DIR.
 */
public final class GlueTables {

    /** The first year partition projection enumerates on the raw table (the public samples start in 2010). */
    static final int FIRST_YEAR = 2010;
    static final int LAST_YEAR = 2040;

    private final String database;

    public GlueTables(String database) {
        this.database = database;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: GlueTables OUT_DIR DATABASE RAW_S3_URI CURATED_S3_URI");
            System.exit(2);
        }
        var out = Path.of(args[0]);
        var tables = new GlueTables(args[1]);
        Files.createDirectories(out);
        Files.writeString(out.resolve(LakeTables.RAW_TABLE + ".sql"), tables.rawDdl(args[2]));
        Files.writeString(out.resolve(LakeTables.EVENTS_TABLE + ".sql"),
                tables.curatedDdl(LakeTables.EVENTS_TABLE, LakeTables.events(), args[3]));
        Files.writeString(out.resolve(LakeTables.ORDER_ITEMS_TABLE + ".sql"),
                tables.curatedDdl(LakeTables.ORDER_ITEMS_TABLE, LakeTables.orderItems(), args[3]));
        Files.writeString(out.resolve("crawler.json"), tables.crawler("ecomlog-raw", "ROLE_ARN", args[2]));
        System.out.println("wrote the table definitions to " + out.toAbsolutePath());
    }

    /** {@code CREATE EXTERNAL TABLE events_raw}: every column as written, times and money as strings. */
    public String rawDdl(String location) {
        var projection = new LinkedHashMap<String, String>();
        projection.put("projection.enabled", "true");
        eventTypeProjection(projection);
        projection.put("projection.year.type", "integer");
        projection.put("projection.year.range", FIRST_YEAR + "," + LAST_YEAR);
        integer(projection, "month", 1, 12);
        integer(projection, "day", 1, 31);
        integer(projection, "hour", 0, 23);
        projection.put("storage.location.template", slash(location)
                + "event_type=${event_type}/year=${year}/month=${month}/day=${day}/hour=${hour}/");
        return "CREATE EXTERNAL TABLE IF NOT EXISTS `" + database + "`.`" + LakeTables.RAW_TABLE + "` (\n"
                + columns(LakeTables.rawEvents()) + ")\n"
                + "PARTITIONED BY (" + partitions(LakeTables.RAW_PARTITIONS) + ")\n"
                // malformed lines are the ETL's to quarantine; here they must not fail a query
                + "ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'\n"
                + "WITH SERDEPROPERTIES ('ignore.malformed.json' = 'true')\n"
                + "STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'\n"
                + "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'\n"
                + "LOCATION '" + slash(location) + "'\n"
                + "TBLPROPERTIES (\n" + properties(projection) + ")\n";
    }

    /** {@code CREATE EXTERNAL TABLE} of a curated Parquet table under {@code curatedRoot/table/}. */
    public String curatedDdl(String table, List<LakeColumn> columns, String curatedRoot) {
        String location = slash(curatedRoot) + table + "/";
        var projection = new LinkedHashMap<String, String>();
        projection.put("projection.enabled", "true");
        eventTypeProjection(projection);
        projection.put("projection.event_date.type", "date");
        projection.put("projection.event_date.format", "yyyy-MM-dd");
        projection.put("projection.event_date.range", FIRST_YEAR + "-01-01,NOW");
        projection.put("projection.event_date.interval", "1");
        projection.put("projection.event_date.interval.unit", "DAYS");
        projection.put("storage.location.template", location + "event_type=${event_type}/event_date=${event_date}/");
        projection.put("parquet.compression", "SNAPPY");
        return "CREATE EXTERNAL TABLE IF NOT EXISTS `" + database + "`.`" + table + "` (\n"
                + columns(columns) + ")\n"
                + "PARTITIONED BY (" + partitions(LakeTables.CURATED_PARTITIONS) + ")\n"
                + "STORED AS PARQUET\n"
                + "LOCATION '" + location + "'\n"
                + "TBLPROPERTIES (\n" + properties(projection) + ")\n";
    }

    /** A Glue {@code CreateCrawler} request (JSON) over the raw prefix, for the AWS CLI's {@code --cli-input-json}. */
    public String crawler(String name, String roleArn, String rawLocation) {
        var request = new LinkedHashMap<String, Object>();
        request.put("Name", name);
        request.put("Role", roleArn);
        request.put("DatabaseName", database);
        request.put("Description", "Catalogues the raw NDJSON.gz events; not needed while partition projection is on");
        request.put("Targets", Map.of("S3Targets", List.of(Map.of("Path", slash(rawLocation)))));
        request.put("TablePrefix", "crawled_");
        request.put("SchemaChangePolicy", Map.of("UpdateBehavior", "LOG", "DeleteBehavior", "LOG"));
        request.put("RecrawlPolicy", Map.of("RecrawlBehavior", "CRAWL_NEW_FOLDERS_ONLY"));
        request.put("Configuration", "{\"Version\":1.0,\"Grouping\":{\"TableGroupingPolicy\":"
                + "\"CombineCompatibleSchemas\"}}");
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(request) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void eventTypeProjection(Map<String, String> projection) {
        projection.put("projection.event_type.type", "enum");
        projection.put("projection.event_type.values", String.join(",", LakeTables.eventTypes()));
    }

    private static void integer(Map<String, String> projection, String key, int from, int to) {
        projection.put("projection." + key + ".type", "integer");
        projection.put("projection." + key + ".range", from + "," + to);
        projection.put("projection." + key + ".digits", "2");
    }

    private static String columns(List<LakeColumn> columns) {
        return columns.stream().map(c -> "  " + c.definition()).collect(Collectors.joining(",\n")) + "\n";
    }

    private static String partitions(List<String> keys) {
        return keys.stream().map(k -> "`" + k + "` string").collect(Collectors.joining(", "));
    }

    private static String properties(Map<String, String> properties) {
        return properties.entrySet().stream().map(e -> "  '" + e.getKey() + "' = '" + e.getValue() + "'")
                .collect(Collectors.joining(",\n")) + "\n";
    }

    private static String slash(String location) {
        return location.endsWith("/") ? location : location + "/";
    }
}
