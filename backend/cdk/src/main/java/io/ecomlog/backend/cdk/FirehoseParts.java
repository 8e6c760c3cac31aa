package io.ecomlog.backend.cdk;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.CloudWatchLoggingOptionsProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.ProcessorParameterProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.ProcessorProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogStream;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;

/** What both delivery streams are made of: encryption, processors, their delivery logs and S3 permissions. */
final class FirehoseParts {

    private FirehoseParts() {
    }

    static CfnDeliveryStream.DeliveryStreamEncryptionConfigurationInputProperty sse() {
        return CfnDeliveryStream.DeliveryStreamEncryptionConfigurationInputProperty.builder()
                .keyType("AWS_OWNED_CMK").build();
    }

    /** A Firehose processor with its parameters as name, value pairs, in a stable order (no diff noise). */
    static ProcessorProperty processor(String type, String... nameValuePairs) {
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

    static CloudWatchLoggingOptionsProperty logging(Construct scope, LogGroup group, String name) {
        var stream = LogStream.Builder.create(scope, name + "DeliveryLog").logGroup(group)
                .logStreamName(name).removalPolicy(RemovalPolicy.DESTROY).build();
        return CloudWatchLoggingOptionsProperty.builder().enabled(true)
                .logGroupName(group.getLogGroupName()).logStreamName(stream.getLogStreamName()).build();
    }

    static PolicyStatement putLogs(LogGroup group) {
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
}
