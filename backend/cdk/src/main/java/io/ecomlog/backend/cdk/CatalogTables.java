package io.ecomlog.backend.cdk;

import io.ecomlog.lake.LakeTables;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.glue.CfnTable;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Glue tables over the lake's hive layout ({@code event_type=/year=/month=/day=/hour=}). Partition projection
 * computes the partitions from the key layout, so new hours are queryable at once, without a crawler or
 * {@code MSCK REPAIR}.
 */
final class CatalogTables {

    enum Format { JSON, PARQUET }

    /** A table and the names a permission or a Firehose conversion refers to it by. */
    record LakeTable(CfnTable resource, String database, String name) {

        /** The catalog, database and table ARNs a Glue table permission must name. */
        List<String> arns() {
            String base = "arn:" + Aws.PARTITION + ":glue:" + Aws.REGION + ":" + Aws.ACCOUNT_ID;
            return List.of(base + ":catalog", base + ":database/" + database,
                    base + ":table/" + database + "/" + name);
        }
    }

    /** The event types the projection enumerates: the schema's enum. */
    static final String EVENT_TYPES = String.join(",",
            new TreeSet<>(LakeTables.eventTypes()));

    private CatalogTables() {
    }

    static LakeTable events(Construct scope, String id, CfnDatabase database, String databaseName, String name,
                            IBucket bucket,
                           String prefix, Map<String, String> columns, Format format) {
        String location = "s3://" + bucket.getBucketName() + "/" + prefix + "/";
        var parameters = new LinkedHashMap<String, String>();
        parameters.put("classification", format == Format.JSON ? "json" : "parquet");
        parameters.put("projection.enabled", "true");
        parameters.put("projection.event_type.type", "enum");
        parameters.put("projection.event_type.values", EVENT_TYPES);
        parameters.put("projection.year.type", "integer");
        parameters.put("projection.year.range", "2024,2099");
        for (String part : List.of("month", "day", "hour")) {
            parameters.put("projection." + part + ".type", "integer");
            parameters.put("projection." + part + ".digits", "2");
        }
        parameters.put("projection.month.range", "1,12");
        parameters.put("projection.day.range", "1,31");
        parameters.put("projection.hour.range", "0,23");
        parameters.put("storage.location.template", location
                + "event_type=${event_type}/year=${year}/month=${month}/day=${day}/hour=${hour}/");

        var storage = CfnTable.StorageDescriptorProperty.builder()
                .location(location)
                .columns(glueColumns(columns));
        if (format == Format.JSON) {
            storage.inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                    .outputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
                    .serdeInfo(CfnTable.SerdeInfoProperty.builder()
                            .serializationLibrary("org.openx.data.jsonserde.JsonSerDe")
                            .parameters(Map.of("ignore.malformed.json", "true")).build());
        } else {
            storage.inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                    .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                    .serdeInfo(CfnTable.SerdeInfoProperty.builder()
                            .serializationLibrary("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
                            .build());
        }
        var partitionKeys = Ingest.PARTITION_KEYS.stream()
                .map(k -> (Object) CfnTable.ColumnProperty.builder().name(k).type("string").build()).toList();
        var table = CfnTable.Builder.create(scope, id)
                .catalogId(Aws.ACCOUNT_ID)
                .databaseName(databaseName)
                .tableInput(CfnTable.TableInputProperty.builder()
                        .name(name)
                        .tableType("EXTERNAL_TABLE")
                        .parameters(parameters)
                        .partitionKeys(partitionKeys)
                        .storageDescriptor(storage.build())
                        .build())
                .build();
        table.addResourceDependency(database);
        return new LakeTable(table, databaseName, name);
    }

    private static List<Object> glueColumns(Map<String, String> columns) {
        var out = new ArrayList<Object>();
        columns.forEach((n, t) -> out.add(CfnTable.ColumnProperty.builder().name(n).type(t).build()));
        return out;
    }

    /** Firehose's record format conversion: JSON in (timestamps as the client writes them), Parquet out. */
    static CfnDeliveryStream.DataFormatConversionConfigurationProperty parquetConversion(
            LakeTable table, String roleArn) {
        return CfnDeliveryStream.DataFormatConversionConfigurationProperty.builder()
                .enabled(true)
                .schemaConfiguration(CfnDeliveryStream.SchemaConfigurationProperty.builder()
                        .catalogId(Aws.ACCOUNT_ID).region(Aws.REGION).roleArn(roleArn)
                        .databaseName(table.database()).tableName(table.name()).versionId("LATEST")
                        .build())
                .inputFormatConfiguration(CfnDeliveryStream.InputFormatConfigurationProperty.builder()
                        .deserializer(CfnDeliveryStream.DeserializerProperty.builder()
                                .hiveJsonSerDe(CfnDeliveryStream.HiveJsonSerDeProperty.builder()
                                        .timestampFormats(List.of("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")).build())
                                .build())
                        .build())
                .outputFormatConfiguration(CfnDeliveryStream.OutputFormatConfigurationProperty.builder()
                        .serializer(CfnDeliveryStream.SerializerProperty.builder()
                                .parquetSerDe(CfnDeliveryStream.ParquetSerDeProperty.builder()
                                        .compression("SNAPPY").build())
                                .build())
                        .build())
                .build();
    }
}
