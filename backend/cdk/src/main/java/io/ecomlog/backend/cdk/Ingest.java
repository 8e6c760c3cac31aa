package io.ecomlog.backend.cdk;

import io.ecomlog.deployment.FunctionEnvironments.FirehoseTransformer;
import io.ecomlog.lake.LakeColumn;
import io.ecomlog.lake.LakeTables;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamMode;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream;
import software.amazon.awscdk.services.kms.Alias;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
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
 * streams, the Glue catalog of the lake and the two Firehose delivery streams ({@link EventsDeliveryStream} into the
 * raw bucket in the {@code ObjectKeys} layout; {@link LogsDeliveryStream} through the transformation function into
 * OpenSearch, or into the raw bucket).
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
        eventsDelivery = EventsDeliveryStream.create(this, config, logsGroup, raw, events, rawEvents);

        boolean toSearch = search != null;
        logTransformer = new BackendFunction(this, "LogTransformer", new BackendFunction.Spec(
                prefix + "-firehose-log-transformer", artifacts.lambdaJar(), Artifacts.FIREHOSE_LOG_TRANSFORMER,
                1024, Duration.minutes(1), config.lambdaConcurrency(),
                // OpenSearch takes one document per record; S3 objects are newline-ended lines
                Map.of(FirehoseTransformer.OUTPUT_FORMAT.name(), toSearch ? "document" : "ndjson")));
        logsDelivery = LogsDeliveryStream.create(this, config, logsGroup, search, logTransformer, raw, backup);
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
