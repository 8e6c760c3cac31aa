package io.ecomlog.backend.cdk;

import io.ecomlog.record.ObjectKeys;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Streams, buckets, the lake's catalog and the Firehose delivery streams. */
class IngestTest {

    private final Template minimal = Synth.variant("minimal").template();

    @Test
    void streamsAreOnDemandAndEncryptedWithTheRotatedDataKey() {
        var streams = Cfn.properties(minimal, "AWS::Kinesis::Stream");
        assertThat(streams).extracting(p -> p.get("Name")).containsExactlyInAnyOrder("ecomlog-events", "ecomlog-alerts");
        for (var s : streams) {
            assertThat(Cfn.at(s, "StreamModeDetails.StreamMode")).isEqualTo("ON_DEMAND");
            assertThat(Cfn.at(s, "StreamEncryption.EncryptionType")).isEqualTo("KMS");
            assertThat(Cfn.at(s, "RetentionPeriodHours")).isEqualTo(24);
        }
        minimal.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    }

    @Test
    void provisionedStreamsTakeTheirShardsFromContext() {
        var streams = Cfn.properties(Synth.variant("replication").template(), "AWS::Kinesis::Stream");
        var events = streams.stream().filter(s -> "ecomlog-events".equals(s.get("Name"))).findFirst().orElseThrow();
        assertThat(Cfn.at(events, "StreamModeDetails.StreamMode")).isEqualTo("PROVISIONED");
        assertThat(events.get("ShardCount")).isEqualTo(4);
    }

    @Test
    void everyBucketIsPrivateEncryptedVersionedTlsOnlyAndHasLifecycleRules() {
        var buckets = minimal.findResources("AWS::S3::Bucket");
        assertThat(buckets).hasSize(6); // raw, processed, curated, backup, Athena results, access logs
        for (var bucket : buckets.values()) {
            var p = Cfn.map(bucket.get("Properties"));
            assertThat(Cfn.map(p.get("PublicAccessBlockConfiguration"))).containsAllEntriesOf(Map.of(
                    "BlockPublicAcls", true, "BlockPublicPolicy", true,
                    "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
            assertThat(Cfn.at(p, "BucketEncryption.ServerSideEncryptionConfiguration")).asString()
                    .contains("AES256");
            assertThat(Cfn.at(p, "VersioningConfiguration.Status")).isEqualTo("Enabled");
            assertThat(Cfn.list(Cfn.at(p, "LifecycleConfiguration.Rules"))).isNotEmpty();
            assertThat(bucket.get("DeletionPolicy")).isEqualTo("Retain");
        }
        var policies = Cfn.properties(minimal, "AWS::S3::BucketPolicy");
        assertThat(policies).hasSize(6);
        for (var policy : policies) {
            assertThat(policy.get("PolicyDocument").toString())
                    .contains("Effect=Deny").contains("aws:SecureTransport=false");
        }
    }

    @Test
    void rawAndProcessedBucketsSendObjectEventsToEventBridge() {
        var withEventBridge = Cfn.properties(minimal, "AWS::S3::Bucket").stream()
                .filter(p -> Boolean.TRUE.equals(Cfn.at(p,
                        "NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled")))
                .count();
        assertThat(withEventBridge).isEqualTo(2);
    }

    @Test
    void eventsDeliveryPartitionsByEventTypeAndEventTimeLikeTheClientsObjectKeys() {
        var delivery = Cfn.one(minimal, "AWS::KinesisFirehose::DeliveryStream", "DeliveryStreamName",
                "ecomlog-events");
        assertThat(delivery.get("DeliveryStreamType")).isEqualTo("KinesisStreamAsSource");
        var s3 = Cfn.map(delivery.get("ExtendedS3DestinationConfiguration"));
        assertThat(Cfn.at(s3, "DynamicPartitioningConfiguration.Enabled")).isEqualTo(true);
        assertThat(s3.get("CompressionFormat")).isEqualTo("GZIP");
        assertThat(s3.get("FileExtension")).isEqualTo(".ndjson.gz");
        assertThat((Integer) Cfn.at(s3, "BufferingHints.SizeInMBs")).isGreaterThanOrEqualTo(64);
        var processors = Cfn.list(Cfn.at(s3, "ProcessingConfiguration.Processors"));
        assertThat(processors).extracting(p -> Cfn.map(p).get("Type"))
                .containsExactly("RecordDeAggregation", "MetadataExtraction", "AppendDelimiterToRecord");

        // evaluate the JQ slices of the deployed query on an event time and fill in the deployed prefix
        String eventTime = "2026-03-07T09:15:30.123Z";
        String query = Cfn.list(Cfn.map(processors.get(1)).get("Parameters")).stream().map(Cfn::map)
                .filter(p -> "MetadataExtractionQuery".equals(p.get("ParameterName")))
                .map(p -> (String) p.get("ParameterValue")).findFirst().orElseThrow();
        String prefix = ((String) s3.get("Prefix")).replace("!{partitionKeyFromQuery:event_type}", "order_completed");
        var slice = Pattern.compile("(\\w+): \\.event_time\\[(\\d+):(\\d+)\\]").matcher(query);
        int slices = 0;
        while (slice.find()) {
            prefix = prefix.replace("!{partitionKeyFromQuery:" + slice.group(1) + "}",
                    eventTime.substring(Integer.parseInt(slice.group(2)), Integer.parseInt(slice.group(3))));
            slices++;
        }
        assertThat(slices).isEqualTo(4);
        assertThat(query).contains("event_type: .event_type");
        String clientKey = ObjectKeys.key("raw", "order_completed", Instant.parse(eventTime), "shop-1", "0190");
        assertThat(clientKey).startsWith(prefix);
        assertThat(prefix).isEqualTo("raw/event_type=order_completed/year=2026/month=03/day=07/hour=09/");
    }

    @Test
    void parquetConversionUsesTheGlueTableDerivedFromTheSchema() {
        var template = Synth.variant("redshift").template();
        var delivery = Cfn.one(template, "AWS::KinesisFirehose::DeliveryStream", "DeliveryStreamName",
                "ecomlog-events");
        var s3 = Cfn.map(delivery.get("ExtendedS3DestinationConfiguration"));
        assertThat(s3.get("CompressionFormat")).isEqualTo("UNCOMPRESSED");
        assertThat(Cfn.at(s3, "DataFormatConversionConfiguration.Enabled")).isEqualTo(true);
        assertThat(Cfn.at(s3, "DataFormatConversionConfiguration.SchemaConfiguration.TableName"))
                .isEqualTo("events_raw");
        assertThat(Cfn.at(s3, "DataFormatConversionConfiguration.OutputFormatConfiguration.Serializer"))
                .asString().contains("ParquetSerDe");
        var table = Cfn.properties(template, "AWS::Glue::Table").stream()
                .filter(t -> "events_raw".equals(Cfn.at(t, "TableInput.Name"))).findFirst().orElseThrow();
        assertThat(Cfn.at(table, "TableInput.StorageDescriptor.SerdeInfo.SerializationLibrary")).asString()
                .contains("parquet");
    }

    @Test
    void directPutLakeIsEncryptedByFirehose() {
        var delivery = Cfn.one(Synth.variant("replication").template(), "AWS::KinesisFirehose::DeliveryStream",
                "DeliveryStreamName", "ecomlog-events");
        assertThat(delivery.get("DeliveryStreamType")).isEqualTo("DirectPut");
        assertThat(Cfn.at(delivery, "DeliveryStreamEncryptionConfigurationInput.KeyType")).isEqualTo("AWS_OWNED_CMK");
    }

    @Test
    void rawTableHasTheSchemaColumnsAndProjectedHivePartitions() {
        var table = Cfn.properties(minimal, "AWS::Glue::Table").stream()
                .filter(t -> "events_raw".equals(Cfn.at(t, "TableInput.Name"))).findFirst().orElseThrow();
        var columns = Cfn.list(Cfn.at(table, "TableInput.StorageDescriptor.Columns")).stream().map(Cfn::map)
                .toList();
        assertThat(columns).extracting(c -> c.get("Name"))
                .contains("event_id", "event_time", "app", "order_id", "products", "status")
                .doesNotContain("event_type", "year", "hour");
        assertThat(Cfn.list(Cfn.at(table, "TableInput.PartitionKeys"))).extracting(k -> Cfn.map(k).get("Name"))
                .containsExactly("event_type", "year", "month", "day", "hour");
        var parameters = Cfn.map(Cfn.at(table, "TableInput.Parameters"));
        assertThat(parameters).containsEntry("projection.enabled", "true");
        assertThat((String) parameters.get("projection.event_type.values")).contains("order_completed", "log");
        assertThat(parameters.get("storage.location.template").toString())
                .contains("event_type=${event_type}/year=${year}/month=${month}/day=${day}/hour=${hour}/");
    }

    @Test
    void logsGoThroughTheTransformerIntoTheLakeWithoutOpenSearch() {
        var logs = Cfn.one(minimal, "AWS::KinesisFirehose::DeliveryStream", "DeliveryStreamName", "ecomlog-logs");
        assertThat(logs.get("DeliveryStreamType")).isEqualTo("DirectPut");
        var s3 = Cfn.map(logs.get("ExtendedS3DestinationConfiguration"));
        assertThat((String) s3.get("Prefix")).startsWith("raw/event_type=http_access/year=!{timestamp:yyyy}");
        assertThat(Cfn.at(s3, "ProcessingConfiguration.Processors").toString()).contains("Type=Lambda");
        minimal.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", Artifacts.FIREHOSE_LOG_TRANSFORMER,
                "Environment", Map.of("Variables", Match.objectLike(Map.of("OUTPUT_FORMAT", "ndjson")))));
    }

    @Test
    void logsGoToOpenSearchWithFailedDocumentsBackedUpToS3() {
        var template = Synth.variant("openSearch").template();
        var logs = Cfn.one(template, "AWS::KinesisFirehose::DeliveryStream", "DeliveryStreamName", "ecomlog-logs");
        var os = Cfn.map(logs.get("AmazonopensearchserviceDestinationConfiguration"));
        assertThat(os.get("S3BackupMode")).isEqualTo("FailedDocumentsOnly");
        assertThat(os.get("IndexRotationPeriod")).isEqualTo("OneDay");
        assertThat(Cfn.at(os, "ProcessingConfiguration.Processors").toString()).contains("Type=Lambda");
        assertThat(os).doesNotContainKey("VpcConfiguration");
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", Artifacts.FIREHOSE_LOG_TRANSFORMER,
                "Environment", Map.of("Variables", Match.objectLike(Map.of("OUTPUT_FORMAT", "document")))));

        var inVpc = Cfn.one(Synth.variant("openSearchInVpc").template(), "AWS::KinesisFirehose::DeliveryStream",
                "DeliveryStreamName", "ecomlog-logs");
        assertThat(Cfn.list(Cfn.at(inVpc, "AmazonopensearchserviceDestinationConfiguration.VpcConfiguration"
                + ".SubnetIds"))).hasSize(2);
    }

    @Test
    void backupBucketReplicatesToTheConfiguredBucketWithItsKey() {
        var template = Synth.variant("replication").template();
        var replicated = Cfn.properties(template, "AWS::S3::Bucket").stream()
                .filter(p -> p.containsKey("ReplicationConfiguration")).toList();
        assertThat(replicated).hasSize(1);
        var rule = Cfn.map(Cfn.list(Cfn.at(replicated.get(0), "ReplicationConfiguration.Rules")).get(0));
        assertThat(rule.get("Status")).isEqualTo("Enabled");
        assertThat(Cfn.at(rule, "Destination.Bucket")).isEqualTo("arn:aws:s3:::shop-events-backup-replica");
        assertThat(Cfn.at(rule, "Destination.EncryptionConfiguration.ReplicaKmsKeyID")).asString()
                .startsWith("arn:aws:kms:eu-west-1:");
        assertThat(Cfn.properties(minimal, "AWS::S3::Bucket"))
                .noneMatch(p -> p.containsKey("ReplicationConfiguration"));
    }

    @Test
    void noCustomResourceFunctionsAreDeployed() {
        // the stack's only functions are the backend's own: no notification or log-retention helpers
        var handlers = Cfn.properties(Synth.variant("openSearch").template(), "AWS::Lambda::Function").stream()
                .map(p -> (String) p.get("Handler")).toList();
        assertThat(handlers).allMatch(h -> h.startsWith("io.ecomlog.backend."));
        assertThat(List.of(Artifacts.S3_INDEXER, Artifacts.KINESIS_INDEXER)).allMatch(handlers::contains);
    }
}
