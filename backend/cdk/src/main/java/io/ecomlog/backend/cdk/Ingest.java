package io.ecomlog.backend.cdk;

import io.ecomlog.deployment.FunctionEnvironments.FirehoseTransformer;
import io.ecomlog.lake.LakeColumn;
import io.ecomlog.lake.LakeTables;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamMode;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.BufferingHintsProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.CloudWatchLoggingOptionsProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.ProcessingConfigurationProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.ProcessorParameterProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.ProcessorProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream;
import software.amazon.awscdk.services.kms.Alias;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogStream;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.NoncurrentVersionTransition;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.ReplicationRule;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything events and logs arrive through: the KMS key of the streams and topics, the buckets, the Kinesis
 * streams, the Glue catalog of the lake and the two Firehose delivery streams ("events" into the raw bucket in the
 * {@code ObjectKeys} layout; "logs" through the transformation function into OpenSearch, or into the raw bucket).
 */
final class Ingest extends Construct {

    /** The raw bucket's prefix of the event lake ({@code ObjectKeys.key("raw", ...)}). */
    static final String RAW_PREFIX = "raw";
    /** The raw bucket's prefix the S3 log processor watches for uploaded log files. */
    static final String UPLOADS_PREFIX = "uploads/";
    /** The backup bucket's prefix producers may write to ({@code ecomlog.s3-backup.prefix}). */
    static final String BACKUP_PREFIX = "backup";
    static final List<String> PARTITION_KEYS = List.of("event_type", "year", "month", "day", "hour");

    /**
     * Firehose's dynamic partitioning: the event's own type and event time (not the arrival time), the same values
     * {@code ObjectKeys} takes. event_time is ISO-8601 UTC with milliseconds, so the parts are fixed positions.
     */
    static final String PARTITION_QUERY = "{event_type: .event_type, year: .event_time[0:4], "
            + "month: .event_time[5:7], day: .event_time[8:10], hour: .event_time[11:13]}";
    static final String EVENTS_PREFIX = RAW_PREFIX
            + "/event_type=!{partitionKeyFromQuery:event_type}/year=!{partitionKeyFromQuery:year}"
            + "/month=!{partitionKeyFromQuery:month}/day=!{partitionKeyFromQuery:day}"
            + "/hour=!{partitionKeyFromQuery:hour}/";

    private final Key key;
    private final Bucket raw;
    private final Bucket processed;
    private final Bucket curated;
    private final Bucket backup;
    private final Bucket athenaResults;
    private final Stream events;
    private final Stream alerts;
    private final CfnDatabase database;
    private final String databaseName;
    private final CatalogTables.LakeTable rawEvents;
    private final CatalogTables.LakeTable curatedEvents;
    private final CfnDeliveryStream eventsDelivery;
    private final CfnDeliveryStream logsDelivery;
    private final BackendFunction logTransformer;

    Ingest(Construct scope, String id, EcomlogConfig config, Artifacts artifacts, Search search) {
        super(scope, id);
        String prefix = config.prefix();
        key = Key.Builder.create(this, "DataKey")
                .description("ecomlog streams, topics and Glue logs")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        Alias.Builder.create(this, "DataKeyAlias").aliasName("alias/" + prefix + "-data").targetKey(key).build();
        // CloudWatch alarms and EventBridge rules publish to the encrypted topics
        key.grant(new ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
        key.grant(new ServicePrincipal("events.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
        // Glue writes its job and crawler logs encrypted with this key (security configuration)
        key.grantEncryptDecrypt(new ServicePrincipal("logs." + Aws.REGION + ".amazonaws.com"));

        var accessLogs = bucket("AccessLogs", List.of(expireAfter(90)), null);
        Nag.suppress(accessLogs, "AwsSolutions-S1", "This bucket receives the other buckets' access logs.");
        raw = bucket("Raw", List.of(tiered(config.rawRetentionDays()), abortUploads()), accessLogs);
        sendEventsToEventBridge(raw);
        processed = bucket("Processed", List.of(tiered(config.rawRetentionDays()), abortUploads()), accessLogs);
        sendEventsToEventBridge(processed);
        curated = bucket("Curated", List.of(abortUploads()), accessLogs);
        athenaResults = bucket("AthenaResults", List.of(expireAfter(config.athenaResultsRetentionDays())),
                accessLogs);
        backup = backupBucket(config, accessLogs);

        events = stream("Events", prefix + "-events", config, config.eventShards());
        alerts = stream("Alerts", prefix + "-alerts", config, config.alertShards());

        databaseName = glueName(prefix);
        database = CfnDatabase.Builder.create(this, "Database")
                .catalogId(Aws.ACCOUNT_ID)
                .databaseInput(CfnDatabase.DatabaseInputProperty.builder()
                        .name(databaseName).description("ecomlog event lake").build())
                .build();
        // the columns the Spark ETL writes and the Athena DDL declares, from the event JSON Schema (common's LakeTables)
        rawEvents = CatalogTables.events(this, "RawEvents", database, databaseName, LakeTables.RAW_TABLE, raw,
                RAW_PREFIX, columns(LakeTables.rawEvents()),
                config.parquet() ? CatalogTables.Format.PARQUET : CatalogTables.Format.JSON);
        curatedEvents = CatalogTables.events(this, "CuratedEvents", database, databaseName, LakeTables.EVENTS_TABLE,
                curated, LakeTables.EVENTS_TABLE, columns(LakeTables.events()), CatalogTables.Format.PARQUET);

        var logsGroup = LogGroup.Builder.create(this, "FirehoseLogs")
                .retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY).build();
        eventsDelivery = eventsDeliveryStream(config, logsGroup);

        boolean toSearch = search != null;
        logTransformer = new BackendFunction(this, "LogTransformer", new BackendFunction.Spec(
                prefix + "-firehose-log-transformer", artifacts.lambdaJar(), Artifacts.FIREHOSE_LOG_TRANSFORMER,
                1024, Duration.minutes(1), config.lambdaConcurrency(),
                // OpenSearch takes one document per record; S3 objects are newline-ended lines
                Map.of(FirehoseTransformer.OUTPUT_FORMAT.name(), toSearch ? "document" : "ndjson")));
        logsDelivery = logsDeliveryStream(config, logsGroup, search);
    }

    /**
     * S3 events to EventBridge, set on the bucket resource itself: the L2 switch deploys a custom-resource function
     * (with s3:PutBucketNotification on every bucket) just to flip this flag.
     */
    private static void sendEventsToEventBridge(Bucket bucket) {
        ((CfnBucket) bucket.getNode().getDefaultChild()).setNotificationConfiguration(
                CfnBucket.NotificationConfigurationProperty.builder()
                        .eventBridgeConfiguration(CfnBucket.EventBridgeConfigurationProperty.builder()
                                .eventBridgeEnabled(true).build())
                        .build());
    }

    private Bucket bucket(String id, List<LifecycleRule> rules, IBucket accessLogs) {
        return bucketBuilder(id, rules, accessLogs).build();
    }

    private Bucket.Builder bucketBuilder(String id, List<LifecycleRule> rules, IBucket accessLogs) {
        var b = Bucket.Builder.create(this, id)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .versioned(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .lifecycleRules(withNoncurrentExpiry(rules))
                .removalPolicy(RemovalPolicy.RETAIN);
        if (accessLogs != null) {
            b.serverAccessLogsBucket(accessLogs).serverAccessLogsPrefix(id.toLowerCase() + "/");
        }
        return b;
    }

    /** The fallback of the producers, optionally replicated to a bucket in another region (the seeds' backup). */
    private Bucket backupBucket(EcomlogConfig config, IBucket accessLogs) {
        var b = bucketBuilder("Backup", List.of(expireAfter(config.backupRetentionDays()), abortUploads()),
                accessLogs);
        if (config.replication()) {
            var rule = ReplicationRule.builder()
                    .destination(Bucket.fromBucketArn(this, "Replica", config.replicaBucketArn()))
                    .priority(1)
                    .deleteMarkerReplication(false)
                    .storageClass(StorageClass.INFREQUENT_ACCESS);
            if (config.replicaKmsKeyArn() != null) {
                rule.kmsKey(Key.fromKeyArn(this, "ReplicaKey", config.replicaKmsKeyArn()));
            }
            b.replicationRules(List.of(rule.build()));
        }
        var bucket = b.build();
        if (config.replication()) {
            // the replication role CDK makes: read our objects, replicate them into the replica bucket's keys
            Nag.objectsOfBuckets(bucket);
        }
        return bucket;
    }

    private static List<LifecycleRule> withNoncurrentExpiry(List<LifecycleRule> rules) {
        var all = new ArrayList<>(rules);
        // versioning protects against overwrites and deletes; old versions need not live forever
        all.add(LifecycleRule.builder().id("noncurrent").noncurrentVersionExpiration(Duration.days(30))
                .noncurrentVersionTransitions(List.of(NoncurrentVersionTransition.builder()
                        .storageClass(StorageClass.INFREQUENT_ACCESS).transitionAfter(Duration.days(0)).build()))
                .build());
        return all;
    }

    private static LifecycleRule expireAfter(int days) {
        return LifecycleRule.builder().id("expire").expiration(Duration.days(days)).build();
    }

    private static LifecycleRule tiered(int days) {
        return LifecycleRule.builder().id("age")
                .transitions(List.of(Transition.builder().storageClass(StorageClass.INFREQUENT_ACCESS)
                        .transitionAfter(Duration.days(Math.min(30, days))).build()))
                .expiration(Duration.days(Math.max(days, 31)))
                .build();
    }

    private static LifecycleRule abortUploads() {
        return LifecycleRule.builder().id("abort-uploads").abortIncompleteMultipartUploadAfter(Duration.days(1))
                .build();
    }

    private Stream stream(String id, String name, EcomlogConfig config, int shards) {
        var b = Stream.Builder.create(this, id)
                .streamName(name)
                .encryption(StreamEncryption.KMS)
                .encryptionKey(key)
                .retentionPeriod(Duration.hours(config.streamRetentionHours()))
                .removalPolicy(RemovalPolicy.RETAIN);
        if (config.onDemandStreams()) {
            b.streamMode(StreamMode.ON_DEMAND);
        } else {
            b.streamMode(StreamMode.PROVISIONED).shardCount(shards);
        }
        return b.build();
    }

    /** Glue names: lower case, digits and underscores. */
    static String glueName(String prefix) {
        return prefix.replace('-', '_');
    }

    private CfnDeliveryStream eventsDeliveryStream(EcomlogConfig config, LogGroup logsGroup) {
        var role = Role.Builder.create(this, "EventsDeliveryRole")
                .assumedBy(new ServicePrincipal("firehose.amazonaws.com")).build();
        var statements = new ArrayList<>(writeTo(raw));
        statements.add(putLogs(logsGroup));
        if (config.parquet()) {
            statements.add(PolicyStatement.Builder.create()
                    .actions(List.of("glue:GetTable", "glue:GetTableVersion", "glue:GetTableVersions"))
                    .resources(rawEvents.arns()).build());
        }
        var policy = Policy.Builder.create(this, "EventsDeliveryPolicy").statements(statements).build();
        role.attachInlinePolicy(policy);

        var processors = new ArrayList<ProcessorProperty>();
        // a record carries several events as NDJSON (the client packs them): split before partitioning
        processors.add(processor("RecordDeAggregation", "SubRecordType", "JSON"));
        processors.add(processor("MetadataExtraction",
                "MetadataExtractionQuery", PARTITION_QUERY, "JsonParsingEngine", "JQ-1.6"));
        if (!config.parquet()) {
            processors.add(processor("AppendDelimiterToRecord"));
        }
        var destination = CfnDeliveryStream.ExtendedS3DestinationConfigurationProperty.builder()
                .bucketArn(raw.getBucketArn())
                .roleArn(role.getRoleArn())
                .prefix(EVENTS_PREFIX)
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
                .cloudWatchLoggingOptions(logging(logsGroup, "events"));
        if (config.parquet()) {
            destination.compressionFormat("UNCOMPRESSED") // Parquet compresses its pages itself (Snappy)
                    .fileExtension(".parquet")
                    .dataFormatConversionConfiguration(CatalogTables.parquetConversion(rawEvents, role.getRoleArn()));
        } else {
            destination.compressionFormat("GZIP").fileExtension(".ndjson.gz");
        }
        var b = CfnDeliveryStream.Builder.create(this, "EventsDelivery")
                .deliveryStreamName(config.prefix() + "-events")
                .extendedS3DestinationConfiguration(destination.build());
        if (config.lakeFromStream()) {
            events.grantRead(role);
            b.deliveryStreamType("KinesisStreamAsSource")
                    .kinesisStreamSourceConfiguration(CfnDeliveryStream.KinesisStreamSourceConfigurationProperty
                            .builder().kinesisStreamArn(events.getStreamArn()).roleArn(role.getRoleArn()).build());
        } else {
            b.deliveryStreamType("DirectPut").deliveryStreamEncryptionConfigurationInput(sse());
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

    private CfnDeliveryStream logsDeliveryStream(EcomlogConfig config, LogGroup logsGroup, Search search) {
        var role = Role.Builder.create(this, "LogsDeliveryRole")
                .assumedBy(new ServicePrincipal("firehose.amazonaws.com")).build();
        var statements = new ArrayList<PolicyStatement>();
        statements.add(putLogs(logsGroup));
        statements.add(PolicyStatement.Builder.create()
                .actions(List.of("lambda:InvokeFunction", "lambda:GetFunctionConfiguration"))
                .resources(List.of(logTransformer.function().getFunctionArn())).build());
        var processing = ProcessingConfigurationProperty.builder().enabled(true).processors(List.of(
                // 1 MB in keeps the function's reply (JSON, about three times the lines) under 6 MB
                processor("Lambda", "LambdaArn", logTransformer.function().getFunctionArn(),
                        "BufferSizeInMBs", "1", "BufferIntervalInSeconds", "60"))).build();
        var b = CfnDeliveryStream.Builder.create(this, "LogsDelivery")
                .deliveryStreamName(config.prefix() + "-logs")
                .deliveryStreamType("DirectPut")
                .deliveryStreamEncryptionConfigurationInput(sse());
        if (search != null) {
            statements.addAll(writeTo(backup));
            var domain = search.domain();
            statements.add(PolicyStatement.Builder.create()
                    .actions(List.of("es:DescribeDomain", "es:DescribeDomains", "es:DescribeDomainConfig",
                            "es:ESHttpPost", "es:ESHttpPut", "es:ESHttpGet"))
                    .resources(List.of(domain.getDomainArn(), domain.getDomainArn() + "/*")).build());
            var destination = CfnDeliveryStream.AmazonopensearchserviceDestinationConfigurationProperty.builder()
                    .domainArn(domain.getDomainArn())
                    .indexName(config.prefix() + "-logs")
                    .indexRotationPeriod("OneDay")
                    .roleArn(role.getRoleArn())
                    .bufferingHints(CfnDeliveryStream.AmazonopensearchserviceBufferingHintsProperty.builder()
                            .sizeInMBs(5).intervalInSeconds(60).build())
                    .retryOptions(CfnDeliveryStream.AmazonopensearchserviceRetryOptionsProperty.builder()
                            .durationInSeconds(300).build())
                    // documents OpenSearch refused, kept for replay
                    .s3BackupMode("FailedDocumentsOnly")
                    .s3Configuration(CfnDeliveryStream.S3DestinationConfigurationProperty.builder()
                            .bucketArn(backup.getBucketArn()).roleArn(role.getRoleArn())
                            .prefix("firehose-failed/logs/").errorOutputPrefix("firehose-failed/logs-errors/")
                            .compressionFormat("GZIP").build())
                    .processingConfiguration(processing)
                    .cloudWatchLoggingOptions(logging(logsGroup, "logs"));
            if (search.clients() != null) {
                statements.add(PolicyStatement.Builder.create()
                        .actions(List.of("ec2:DescribeVpcs", "ec2:DescribeVpcAttribute", "ec2:DescribeSubnets",
                                "ec2:DescribeSecurityGroups", "ec2:DescribeNetworkInterfaces",
                                "ec2:CreateNetworkInterface", "ec2:CreateNetworkInterfacePermission",
                                "ec2:DeleteNetworkInterface"))
                        .resources(List.of("*")).build());
                destination.vpcConfiguration(CfnDeliveryStream.VpcConfigurationProperty.builder()
                        .roleArn(role.getRoleArn())
                        .securityGroupIds(List.of(search.clients().getSecurityGroupId()))
                        .subnetIds(search.subnetIds())
                        .build());
            }
            b.amazonopensearchserviceDestinationConfiguration(destination.build());
        } else {
            statements.addAll(writeTo(raw));
            // no OpenSearch: the access-log events go into the lake; all are http_access, by arrival hour
            b.extendedS3DestinationConfiguration(CfnDeliveryStream.ExtendedS3DestinationConfigurationProperty
                    .builder()
                    .bucketArn(raw.getBucketArn()).roleArn(role.getRoleArn())
                    .prefix(RAW_PREFIX + "/event_type=http_access/year=!{timestamp:yyyy}/month=!{timestamp:MM}"
                            + "/day=!{timestamp:dd}/hour=!{timestamp:HH}/")
                    .errorOutputPrefix("logs-errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}"
                            + "/month=!{timestamp:MM}/day=!{timestamp:dd}/")
                    .bufferingHints(BufferingHintsProperty.builder().sizeInMBs(64).intervalInSeconds(300).build())
                    .compressionFormat("GZIP").fileExtension(".ndjson.gz")
                    .processingConfiguration(processing)
                    .cloudWatchLoggingOptions(logging(logsGroup, "logs"))
                    .build());
        }
        var policy = Policy.Builder.create(this, "LogsDeliveryPolicy").statements(statements).build();
        role.attachInlinePolicy(policy);
        if (search != null && search.clients() != null) {
            Nag.suppressOnly(policy, "AwsSolutions-IAM5",
                    "Firehose creates and describes its network interfaces in the VPC; EC2 does not scope these "
                            + "actions to resources that exist before the call. No data service is named.",
                    "^Resource::\\*$");
        }
        var stream = b.build();
        stream.getNode().addDependency(policy);
        Nag.objectsOfBuckets(role);
        Nag.objectsOfBuckets(policy);
        Nag.suppressOnly(policy, "AwsSolutions-IAM5",
                "The domain's indices are created daily by Firehose (index rotation): domain-ARN/* names them.",
                "^Resource::<.*Domain.*\\.Arn>/\\*$");
        return stream;
    }

    private static CfnDeliveryStream.DeliveryStreamEncryptionConfigurationInputProperty sse() {
        return CfnDeliveryStream.DeliveryStreamEncryptionConfigurationInputProperty.builder()
                .keyType("AWS_OWNED_CMK").build();
    }

    /** A Firehose processor with its parameters as name, value pairs, in a stable order (no diff noise). */
    private static ProcessorProperty processor(String type, String... nameValuePairs) {
        var params = new ArrayList<ProcessorParameterProperty>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            params.add(ProcessorParameterProperty.builder()
                    .parameterName(nameValuePairs[i]).parameterValue(nameValuePairs[i + 1]).build());
        }
        var p = ProcessorProperty.builder().type(type);
        if (!params.isEmpty()) {
            p.parameters(params);
        }
        return p.build();
    }

    private CloudWatchLoggingOptionsProperty logging(LogGroup group, String name) {
        var stream = LogStream.Builder.create(this, name + "DeliveryLog").logGroup(group)
                .logStreamName(name).removalPolicy(RemovalPolicy.DESTROY).build();
        return CloudWatchLoggingOptionsProperty.builder().enabled(true)
                .logGroupName(group.getLogGroupName()).logStreamName(stream.getLogStreamName()).build();
    }

    private static PolicyStatement putLogs(LogGroup group) {
        return PolicyStatement.Builder.create().actions(List.of("logs:PutLogEvents"))
                .resources(List.of(group.getLogGroupArn())).build();
    }

    /** What Firehose needs to deliver into a bucket (its documented S3 destination permissions). */
    static List<PolicyStatement> writeTo(IBucket bucket) {
        return List.of(
                PolicyStatement.Builder.create().effect(Effect.ALLOW)
                        .actions(List.of("s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"))
                        .resources(List.of(bucket.getBucketArn())).build(),
                PolicyStatement.Builder.create().effect(Effect.ALLOW)
                        .actions(List.of("s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"))
                        .resources(List.of(bucket.arnForObjects("*"))).build());
    }

    Key key() { return key; }
    Bucket raw() { return raw; }

    private static Map<String, String> columns(List<LakeColumn> columns) {
        var byName = new LinkedHashMap<String, String>();
        columns.forEach(c -> byName.put(c.name(), c.hiveType()));
        return byName;
    }
    Bucket processed() { return processed; }
    Bucket curated() { return curated; }
    Bucket backup() { return backup; }
    Bucket athenaResults() { return athenaResults; }
    Stream events() { return events; }
    Stream alerts() { return alerts; }
    CfnDatabase database() { return database; }
    CatalogTables.LakeTable rawEvents() { return rawEvents; }
    CatalogTables.LakeTable curatedEvents() { return curatedEvents; }
    String databaseName() { return databaseName; }
    CfnDeliveryStream eventsDelivery() { return eventsDelivery; }
    CfnDeliveryStream logsDelivery() { return logsDelivery; }
    BackendFunction logTransformer() { return logTransformer; }
}
