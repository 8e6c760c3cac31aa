package io.ecomlog.backend.cdk;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The least-privilege policy for the shops' producers (the appenders and the starter): put records on the events
 * stream and the delivery streams they may write to, encrypt with the stream's key (through Kinesis only), and put
 * objects under the backup prefix of the backup bucket. Nothing to read, list or delete. Attached by the shops to
 * their application's role; the stack outputs its ARN and the names the client settings need.
 */
final class ProducerPolicy extends Construct {

    private final ManagedPolicy policy;

    ProducerPolicy(Construct scope, String id, EcomlogConfig config, Ingest ingest) {
        super(scope, id);
        var statements = new ArrayList<PolicyStatement>();
        statements.add(PolicyStatement.Builder.create().sid("PutEvents")
                // ListShards: the KPL transport reads the shard map to aggregate per shard
                .actions(List.of("kinesis:PutRecord", "kinesis:PutRecords", "kinesis:ListShards"))
                .resources(List.of(ingest.events().getStreamArn())).build());
        statements.add(PolicyStatement.Builder.create().sid("EncryptEventsThroughKinesis")
                .actions(List.of("kms:GenerateDataKey"))
                .resources(List.of(ingest.key().getKeyArn()))
                .conditions(Map.of("StringEquals",
                        Map.of("kms:ViaService", "kinesis." + Aws.REGION + ".amazonaws.com")))
                .build());
        var deliveryStreams = new ArrayList<String>();
        deliveryStreams.add(ingest.logsDelivery().getAttrArn());
        if (!config.lakeFromStream()) {
            deliveryStreams.add(ingest.eventsDelivery().getAttrArn());
        }
        statements.add(PolicyStatement.Builder.create().sid("PutDeliveryStreams")
                .actions(List.of("firehose:PutRecord", "firehose:PutRecordBatch"))
                .resources(deliveryStreams).build());
        statements.add(PolicyStatement.Builder.create().sid("PutBackupObjects")
                .actions(List.of("s3:PutObject"))
                .resources(List.of(ingest.backup().arnForObjects(Ingest.BACKUP_PREFIX + "/*"))).build());
        policy = ManagedPolicy.Builder.create(this, "Policy")
                .managedPolicyName(config.prefix() + "-producer")
                .description("ecomlog producers: put events, logs and backup objects; nothing else")
                .statements(statements)
                .build();
        Nag.suppressOnly(policy, "AwsSolutions-IAM5",
                "Producers write backup objects with keys they choose (event type, hour, producer id) under the "
                        + "backup prefix only.", "^Resource::<.*Backup.*\\.Arn>/backup/\\*$");

        output("ProducerPolicyArn", policy.getManagedPolicyArn(), "attach to the shops' application roles");
        output("EventsStreamName", ingest.events().getStreamName(), "ecomlog.kinesis.stream / <kinesisStream>");
        output("LogsDeliveryStreamName", ingest.logsDelivery().getRef(), "Firehose for server access logs");
        if (!config.lakeFromStream()) {
            output("EventsDeliveryStreamName", ingest.eventsDelivery().getRef(),
                    "ecomlog.firehose.stream / <firehoseStream>");
        }
        output("BackupBucketName", ingest.backup().getBucketName(),
                "ecomlog.s3-backup.bucket / <s3BackupBucket> (prefix " + Ingest.BACKUP_PREFIX + ")");
        output("Region", Aws.REGION, "ecomlog.aws.region / <region>");
    }

    private void output(String id, String value, String description) {
        // on the stack itself, so the output names stay as written here (scripts read them)
        CfnOutput.Builder.create(Stack.of(this), id).value(value).description(description)
                .build();
    }

    ManagedPolicy policy() {
        return policy;
    }
}
