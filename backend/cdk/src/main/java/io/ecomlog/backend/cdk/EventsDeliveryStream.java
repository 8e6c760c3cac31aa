package io.ecomlog.backend.cdk;

import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.BufferingHintsProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.ProcessingConfigurationProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.ProcessorProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;

/**
 * The "events" delivery stream: records of packed NDJSON events, split, partitioned by each event's own type and time
 * and written into the raw bucket in the {@code ObjectKeys} layout (gzip NDJSON, or Parquet through the Glue table);
 * fed by the producers directly or by the events Kinesis stream. Built into the {@link Ingest} construct's scope.
 */
final class EventsDeliveryStream {

    private EventsDeliveryStream() {
    }

    static CfnDeliveryStream create(Construct scope, EcomlogConfig config, LogGroup logsGroup, Bucket raw,
                                    Stream events, CatalogTables.LakeTable rawEvents) {
        var role = Role.Builder.create(scope, "EventsDeliveryRole")
                .assumedBy(new ServicePrincipal("firehose.amazonaws.com")).build();
        var statements = new ArrayList<>(FirehoseParts.writeTo(raw));
        statements.add(FirehoseParts.putLogs(logsGroup));
        if (config.parquet()) {
            statements.add(PolicyStatement.Builder.create()
                    .actions(List.of("glue:GetTable", "glue:GetTableVersion", "glue:GetTableVersions"))
                    .resources(rawEvents.arns()).build());
        }
        var policy = Policy.Builder.create(scope, "EventsDeliveryPolicy").statements(statements).build();
        role.attachInlinePolicy(policy);

        var processors = new ArrayList<ProcessorProperty>();
        // a record carries several events as NDJSON (the client packs them): split before partitioning
        processors.add(FirehoseParts.processor("RecordDeAggregation", "SubRecordType", "JSON"));
        processors.add(FirehoseParts.processor("MetadataExtraction",
                "MetadataExtractionQuery", Ingest.PARTITION_QUERY, "JsonParsingEngine", "JQ-1.6"));
        if (!config.parquet()) {
            processors.add(FirehoseParts.processor("AppendDelimiterToRecord"));
        }
        var destination = CfnDeliveryStream.ExtendedS3DestinationConfigurationProperty.builder()
                .bucketArn(raw.getBucketArn())
                .roleArn(role.getRoleArn())
                .prefix(Ingest.EVENTS_PREFIX)
                .errorOutputPrefix("raw-errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}"
                        + "/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/")
                // dynamic partitioning needs at least 64 MB buffers
                .bufferingHints(BufferingHintsProperty.builder().sizeInMBs(128).intervalInSeconds(300).build())
                .dynamicPartitioningConfiguration(CfnDeliveryStream.DynamicPartitioningConfigurationProperty
                        .builder().enabled(true)
                        .retryOptions(CfnDeliveryStream.RetryOptionsProperty.builder().durationInSeconds(300).build())
                        .build())
                .processingConfiguration(ProcessingConfigurationProperty.builder()
                        .enabled(true).processors(processors).build())
                .cloudWatchLoggingOptions(FirehoseParts.logging(scope, logsGroup, "events"));
        if (config.parquet()) {
            destination.compressionFormat("UNCOMPRESSED") // Parquet compresses its pages itself (Snappy)
                    .fileExtension(".parquet")
                    .dataFormatConversionConfiguration(CatalogTables.parquetConversion(rawEvents, role.getRoleArn()));
        } else {
            destination.compressionFormat("GZIP").fileExtension(".ndjson.gz");
        }
        var b = CfnDeliveryStream.Builder.create(scope, "EventsDelivery")
                .deliveryStreamName(config.prefix() + "-events")
                .extendedS3DestinationConfiguration(destination.build());
        if (config.lakeFromStream()) {
            events.grantRead(role);
            b.deliveryStreamType("KinesisStreamAsSource")
                    .kinesisStreamSourceConfiguration(CfnDeliveryStream.KinesisStreamSourceConfigurationProperty
                            .builder().kinesisStreamArn(events.getStreamArn()).roleArn(role.getRoleArn()).build());
        } else {
            b.deliveryStreamType("DirectPut").deliveryStreamEncryptionConfigurationInput(FirehoseParts.sse());
        }
        var stream = b.build();
        // Firehose checks its role's permissions when the stream is created
        stream.getNode().addDependency(policy);
        stream.getNode().addDependency(role);
        Nag.objectsOfBuckets(role);
        Nag.objectsOfBuckets(policy);
        if (config.lakeFromStream()) {
            Nag.suppress(stream, "AwsSolutions-KDF1",
                    "The source is the events stream, encrypted with the data key; Firehose does not take its own "
                            + "server-side encryption setting for a Kinesis source.");
        }
        return stream;
    }
}
