package io.ecomlog.backend.cdk;

import io.ecomlog.deployment.FunctionEnvironments.Alerter;
import io.ecomlog.deployment.FunctionEnvironments.Indexer;
import io.ecomlog.deployment.FunctionEnvironments.OrderHistory;
import io.ecomlog.deployment.FunctionEnvironments.S3LogProcessor;
import io.ecomlog.deployment.TableSpec;
import io.ecomlog.deployment.Tables;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.LocalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.lambda.eventsources.KinesisEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What works on the events: the DynamoDB tables, the Lambda functions with their triggers (Kinesis event source
 * mappings with {@code ReportBatchItemFailures}, S3 "Object Created" through EventBridge), the order-history API and
 * the Flink jobs.
 */
final class Processing extends Construct {

    private final Table orders;
    private final Table alertsTable;
    private final Table recommendations;
    private final List<BackendFunction> functions = new ArrayList<>();
    private final List<BackendFunction> streamConsumers = new ArrayList<>();
    private final OrderApi api;
    private final FlinkJobs flink;

    Processing(Construct scope, String id, EcomlogConfig config, Artifacts artifacts, Ingest ingest, Alerts alerts,
               Search search) {
        super(scope, id);
        String prefix = config.prefix();
        orders = table("Orders", Tables.ORDERS, prefix);
        alertsTable = table("AlertsTable", Tables.ALERTS, prefix);
        recommendations = table("Recommendations", Tables.RECOMMENDATIONS, prefix);

        var orderHistory = add(new BackendFunction(this, "OrderHistory", new BackendFunction.Spec(
                prefix + "-order-history", artifacts.lambdaJar(), Artifacts.ORDER_HISTORY, 1024,
                Duration.minutes(1), config.lambdaConcurrency(), Map.of(OrderHistory.ORDERS_TABLE.name(), orders.getTableName()))));
        orders.grantWriteData(orderHistory.role());
        consume(orderHistory, ingest.events());

        var alerter = add(new BackendFunction(this, "Alerter", new BackendFunction.Spec(
                prefix + "-alerter", artifacts.lambdaJar(), Artifacts.ALERTER, 1024, Duration.minutes(1),
                config.lambdaConcurrency(), Map.of(Alerter.ALERTS_TABLE.name(), alertsTable.getTableName(),
                        Alerter.ALERT_TOPIC_ARN.name(), alerts.alerts().getTopicArn()))));
        alertsTable.grantReadWriteData(alerter.role());
        alerts.alerts().grantPublish(alerter.role());
        consume(alerter, ingest.alerts());
        consume(alerter, ingest.events());

        var logProcessor = add(new BackendFunction(this, "LogProcessor", new BackendFunction.Spec(
                prefix + "-s3-log-processor", artifacts.lambdaJar(), Artifacts.S3_LOG_PROCESSOR, 2048,
                Duration.minutes(15), config.lambdaConcurrency(),
                Map.of(S3LogProcessor.PROCESSED_BUCKET.name(), ingest.processed().getBucketName())),
                // its output parts go through /tmp: room for the largest upload's compressed output
                BackendFunction.Options.DEFAULT.withEphemeralMb(4096)));
        ingest.raw().grantRead(logProcessor.role(), Ingest.UPLOADS_PREFIX + "*");
        ingest.processed().grantPut(logProcessor.role());
        onObjectCreated(logProcessor, ingest.raw(), Ingest.UPLOADS_PREFIX);

        if (search != null) {
            addIndexers(config, artifacts, ingest, search);
        }
        api = new OrderApi(this, "OrderApi", config, artifacts, orders);
        add(api.function());
        flink = new FlinkJobs(this, "Flink", config, artifacts, ingest.events(), ingest.alerts());
    }

    private void addIndexers(EcomlogConfig config, Artifacts artifacts, Ingest ingest, Search search) {
        String prefix = config.prefix();
        var env = Map.of(
                Indexer.OPENSEARCH_ENDPOINT.name(), "https://" + search.domain().getDomainEndpoint(),
                Indexer.DEAD_LETTER_BUCKET.name(), ingest.backup().getBucketName(),
                Indexer.DEAD_LETTER_PREFIX.name(), Indexer.DEAD_LETTER_PREFIX.defaultText(),
                Indexer.INDEX_PREFIX.name(), prefix,
                Indexer.INDEX_REPLICAS.name(), config.openSearchDataNodes() > 1 ? "1" : "0",
                Indexer.RETENTION_DAYS.name(), Integer.toString(config.openSearchRetentionDays()));
        var options = search.clients() == null ? BackendFunction.Options.DEFAULT
                : BackendFunction.Options.DEFAULT.inVpc(search.vpc(), search.clients());
        var kinesisIndexer = add(new BackendFunction(this, "KinesisIndexer", new BackendFunction.Spec(
                prefix + "-opensearch-kinesis-indexer", artifacts.openSearchJar(), Artifacts.KINESIS_INDEXER, 1024,
                Duration.minutes(2), config.lambdaConcurrency(), env), options));
        var s3Indexer = add(new BackendFunction(this, "S3Indexer", new BackendFunction.Spec(
                prefix + "-opensearch-s3-indexer", artifacts.openSearchJar(), Artifacts.S3_INDEXER, 1024,
                Duration.minutes(15), config.lambdaConcurrency(), env), options));
        for (var indexer : List.of(kinesisIndexer, s3Indexer)) {
            // what the indexer sends: GET and PUT of the index template and ISM policy, POST of _bulk (the
            // stack's tests record each request); Domain.grantReadWrite would add DELETE, HEAD and PATCH
            indexer.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                    .actions(List.of("es:ESHttpGet", "es:ESHttpPut", "es:ESHttpPost"))
                    .resources(List.of(search.domain().getDomainArn() + "/*")).build());
            ingest.backup().grantPut(indexer.role(), Indexer.DEAD_LETTER_PREFIX.defaultText() + "*");
            Nag.suppressOnly(indexer.role(), "AwsSolutions-IAM5",
                    "The indexer writes daily indices and the index template of the domain: domain-ARN/* names "
                            + "the domain's own paths.", "^Resource::<.*Domain.*\\.Arn>/\\*$");
        }
        ingest.processed().grantRead(s3Indexer.role(), "processed/*");
        consume(kinesisIndexer, ingest.events());
        onObjectCreated(s3Indexer, ingest.processed(), "processed/");
    }

    private BackendFunction add(BackendFunction f) {
        functions.add(f);
        Nag.objectsOfBuckets(f.role());
        return f;
    }

    /** A table as {@link TableSpec} describes it, named {@code <prefix>-<suffix>}, kept when the stack goes. */
    private Table table(String id, TableSpec spec, String prefix) {
        var b = Table.Builder.create(this, id)
                .tableName(spec.name(prefix))
                .partitionKey(Attribute.builder().name(spec.partitionKey()).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .encryption(TableEncryption.AWS_MANAGED)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN);
        if (spec.sortKey() != null) {
            b.sortKey(Attribute.builder().name(spec.sortKey()).type(AttributeType.STRING).build());
        }
        if (spec.ttlAttribute() != null) {
            b.timeToLiveAttribute(spec.ttlAttribute());
        }
        var table = b.build();
        for (var index : spec.localIndexes()) {
            table.addLocalSecondaryIndex(LocalSecondaryIndexProps.builder().indexName(index.name())
                    .sortKey(Attribute.builder().name(index.sortKey()).type(AttributeType.STRING).build()).build());
        }
        return table;
    }

    /**
     * A Kinesis consumer: batches with partial-failure reports, halved on error to isolate a bad record, retried a
     * bounded number of times, then sent to the function's dead-letter queue (the record's shard and sequence
     * numbers, for replay).
     */
    private void consume(BackendFunction f, IStream stream) {
        f.function().addEventSource(KinesisEventSource.Builder.create(stream)
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .batchSize(500)
                .maxBatchingWindow(Duration.seconds(5))
                .reportBatchItemFailures(true)
                .bisectBatchOnError(true)
                .retryAttempts(10)
                .maxRecordAge(Duration.hours(6))
                .onFailure(new SqsDlq(f.deadLetters()))
                .build());
        if (!streamConsumers.contains(f)) {
            streamConsumers.add(f);
        }
    }

    /** S3 "Object Created" under {@code prefix} through EventBridge (no notification custom resource needed). */
    private void onObjectCreated(BackendFunction f, IBucket bucket, String prefix) {
        // an asynchronous invocation: two retries, then the event goes to the dead-letter queue
        f.function().configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .retryAttempts(2).maxEventAge(Duration.hours(6))
                .onFailure(new SqsDestination(f.deadLetters())).build());
        Rule.Builder.create(this, f.getNode().getId() + "Trigger")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.s3"))
                        .detailType(List.of("Object Created"))
                        .detail(Map.of(
                                "bucket", Map.of("name", List.of(bucket.getBucketName())),
                                "object", Map.of("key", List.of(Map.of("prefix", prefix)))))
                        .build())
                .targets(List.of(LambdaFunction.Builder.create(f.function())
                        .deadLetterQueue(f.deadLetters()).retryAttempts(4).build()))
                .build();
    }

    Table orders() { return orders; }
    Table alertsTable() { return alertsTable; }
    Table recommendations() { return recommendations; }
    List<BackendFunction> functions() { return List.copyOf(functions); }
    List<BackendFunction> streamConsumers() { return List.copyOf(streamConsumers); }
    OrderApi api() { return api; }
    FlinkJobs flink() { return flink; }
}
