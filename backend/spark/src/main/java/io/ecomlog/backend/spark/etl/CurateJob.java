package io.ecomlog.backend.spark.etl;

import io.ecomlog.lake.LakeColumn;
import io.ecomlog.lake.LakeTables;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

/**
 * The Glue ETL job: raw NDJSON(.gz) objects in, curated Parquet out.
 * <ol>
 *   <li>Lists the raw objects the {@link Bookmark} has not seen (an incremental run reads new objects only).</li>
 *   <li>Reads them with the reader and the codec ({@link RawObjectReader}); what is not a current event is
 *       quarantined with its reason: truncated gzip, not JSON, unknown event type, other schema version, …</li>
 *   <li>Types the events with the columns of {@link LakeTables} (from the event JSON Schema) and keeps the first of
 *       each {@code event_id}: within the run, and against what earlier runs wrote to the same partitions (an
 *       event's partition follows from its own type and time, so a duplicate always lands in the same one).</li>
 *   <li>Rewrites each partition it touched as one Parquet file (small files compacted), in {@code events}
 *       and, for order events' product lines, {@code order_items}; partitions it did not touch stay as they are.</li>
 * </ol>
 * Runs as a Glue 5.0 Spark job or on EMR Serverless ({@link #main}), or in-process ({@link #run}).
 */
public final class CurateJob {

    private final SparkSession spark;
    private final CurateSettings settings;

    public CurateJob(SparkSession spark, CurateSettings settings) {
        this.spark = spark;
        this.settings = settings;
    }

    /** {@code --raw URI --curated URI --quarantine URI --bookmark URI}. */
    public static void main(String[] args) throws IOException {
        var settings = CurateSettings.fromArgs(args);
        var spark = SparkSession.builder().appName("ecomlog-curate").getOrCreate();
        configure(spark);
        var report = new CurateJob(spark, settings).run();
        System.out.println("ecomlog-curate: " + report.summary());
    }

    /** Session settings the job relies on; {@link #run} sets them too. */
    public static void configure(SparkSession spark) {
        spark.conf().set("spark.sql.session.timeZone", "UTC");
        // rewrite only the partitions this run touched
        spark.conf().set("spark.sql.sources.partitionOverwriteMode", "dynamic");
        // Athena and DuckDB read INT64 microsecond timestamps; Spark's default INT96 is deprecated
        spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    }

    public CurateReport run() throws IOException {
        configure(spark);
        var bookmark = new Bookmark(settings.bookmark(), spark.sparkContext().hadoopConfiguration());
        var done = bookmark.processed();
        var objects = listRaw().stream().filter(o -> !done.contains(o)).toList();
        if (objects.isEmpty()) {
            return new CurateReport(List.of(), 0, Map.of(), 0);
        }
        Dataset<Row> read = spark.createDataset(objects, Encoders.STRING())
                .repartition(Math.max(1, Math.min(objects.size(), spark.sparkContext().defaultParallelism())))
                .mapPartitions(new RawObjectReader(), Encoders.row(RawLine.SCHEMA))
                .localCheckpoint();

        Dataset<Row> events = typed(read.filter(col("status").equalTo(RawLine.EVENT)));
        var ranked = events.withColumn("copy", row_number().over(Window.partitionBy("event_id")
                .orderBy(col("event_time"), col("source"))));
        Dataset<Row> firstCopies = ranked.filter(col("copy").equalTo(1)).drop("copy");
        Dataset<Row> repeats = ranked.filter(col("copy").gt(1)).drop("copy");

        var touched = touchedPartitions(firstCopies);
        Dataset<Row> earlier = existing(LakeTables.EVENTS_TABLE, touched);
        Dataset<Row> seenBefore = firstCopies.join(earlier.select("event_id"), "event_id", "left_semi");
        Dataset<Row> fresh = firstCopies.join(earlier.select("event_id"), "event_id", "left_anti");

        Dataset<Row> quarantine = read.filter(col("status").equalTo(RawLine.REJECTED))
                .select("reason", "detail", "line", "source")
                .unionByName(duplicates(repeats.unionByName(seenBefore)));
        Map<String, Long> byReason = countByReason(quarantine);
        quarantine.coalesce(1).write().mode(SaveMode.Append).json(slash(settings.quarantine()) + "run="
                + UUID.randomUUID());

        // earlier rows of the touched partitions plus the fresh ones, materialised before their files are replaced
        Dataset<Row> partitions = earlier.unionByName(fresh.drop("source")).localCheckpoint();
        long added = fresh.count();
        write(partitions, LakeTables.EVENTS_TABLE);
        write(orderItems(partitions), LakeTables.ORDER_ITEMS_TABLE);
        bookmark.add(objects);
        return new CurateReport(objects, added, byReason, touched.size());
    }

    /** The raw objects under the raw prefix, by key (ObjectKeys' layout; any depth). */
    private List<String> listRaw() throws IOException {
        var root = new Path(settings.raw());
        FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
        var found = new ArrayList<String>();
        if (!fs.exists(root)) {
            return found;
        }
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
        while (files.hasNext()) {
            var file = files.next().getPath();
            String name = file.getName();
            if (!name.startsWith(".") && !name.startsWith("_")) {
                found.add(file.toString());
            }
        }
        found.sort(null);
        return found;
    }

    /** Event lines as typed rows of the curated columns, plus {@code event_type}, {@code event_date}, {@code source}. */
    private Dataset<Row> typed(Dataset<Row> lines) {
        StructType schema = StructType.fromDDL(LakeTables.events().stream().map(LakeColumn::definition)
                .collect(Collectors.joining(", ")));
        var options = Map.of("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "mode", "PERMISSIVE");
        var columns = new ArrayList<Column>();
        for (var field : schema.fieldNames()) {
            columns.add(col("e.`" + field + "`").as(field));
        }
        columns.add(col("event_type"));
        columns.add(col("source"));
        return lines.select(from_json(col("line"), schema, options).as("e"), col("event_type"), col("source"))
                .select(columns.toArray(Column[]::new))
                .withColumn("event_date", date_format(col("event_time"), "yyyy-MM-dd"));
    }

    private static List<Row> touchedPartitions(Dataset<Row> events) {
        return events.select("event_type", "event_date").distinct().collectAsList();
    }

    /** What earlier runs wrote to the given partitions of a table (empty on the first run). */
    private Dataset<Row> existing(String table, List<Row> partitions) throws IOException {
        var base = new Path(slash(settings.curated()) + table);
        FileSystem fs = base.getFileSystem(spark.sparkContext().hadoopConfiguration());
        var paths = new ArrayList<String>();
        for (Row p : partitions) {
            var dir = new Path(base, "event_type=" + p.getString(0) + "/event_date=" + p.getString(1));
            if (fs.exists(dir)) {
                paths.add(dir.toString());
            }
        }
        StructType schema = StructType.fromDDL(LakeTables.events().stream().map(LakeColumn::definition)
                .collect(Collectors.joining(", ")) + ", event_type string, event_date string");
        if (paths.isEmpty()) {
            return spark.createDataFrame(List.of(), schema);
        }
        return spark.read().schema(schema).option("basePath", base.toString()).parquet(paths.toArray(String[]::new));
    }

    private static Dataset<Row> duplicates(Dataset<Row> repeats) {
        return repeats.select(lit(RawLine.DUPLICATE).as("reason"),
                org.apache.spark.sql.functions.concat(lit("event_id "), col("event_id"),
                        lit(" was kept from an earlier copy")).as("detail"),
                col("event_id").as("line"), col("source"));
    }

    private static Map<String, Long> countByReason(Dataset<Row> quarantine) {
        var counts = new TreeMap<String, Long>();
        for (Row r : quarantine.groupBy("reason").count().collectAsList()) {
            counts.put(r.getString(0), r.getLong(1));
        }
        return counts;
    }

    /** One row per product line of an order event, with the order's context. */
    private static Dataset<Row> orderItems(Dataset<Row> events) {
        var columns = new ArrayList<Column>();
        LakeTables.ORDER_ITEM_CONTEXT.forEach(c -> columns.add(col(c)));
        columns.add(col("item.*"));
        columns.add(col("event_type"));
        columns.add(col("event_date"));
        return events.filter(col("order_id").isNotNull())
                .select(col("*"), explode(col("products")).as("item"))
                .select(columns.toArray(Column[]::new));
    }

    /** Each partition as one file: the rows are clustered by partition before the write. */
    private void write(Dataset<Row> rows, String table) {
        rows.repartition(col("event_type"), col("event_date"))
                .write().mode(SaveMode.Overwrite)
                .partitionBy(LakeTables.CURATED_PARTITIONS.toArray(String[]::new))
                .option("compression", "snappy")
                .parquet(slash(settings.curated()) + table);
    }

    private static String slash(String uri) {
        return uri.endsWith("/") ? uri : uri + "/";
    }
}
