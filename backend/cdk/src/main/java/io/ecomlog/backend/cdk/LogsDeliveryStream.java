package io.ecomlog.backend.cdk;

import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.BufferingHintsProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.ProcessingConfigurationProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;

/**
 * The "logs" delivery stream: Apache access-log lines through the transformation function, into OpenSearch (failed
 * documents kept in the backup bucket) or, without a search domain, into the raw bucket as http_access events.
 * Built into the {@link Ingest} construct's scope.
 */
final class LogsDeliveryStream {

    private LogsDeliveryStream() {
    }

    static CfnDeliveryStream create(Construct scope, EcomlogConfig config, LogGroup logsGroup, Search search,
                                    BackendFunction logTransformer, Bucket raw, Bucket backup) {
        var role = Role.Builder.create(scope, "LogsDeliveryRole")
                .assumedBy(new ServicePrincipal("firehose.amazonaws.com")).build();
        var statements = new ArrayList<PolicyStatement>();
        statements.add(FirehoseParts.putLogs(logsGroup));
        statements.add(PolicyStatement.Builder.create()
                .actions(List.of("lambda:InvokeFunction", "lambda:GetFunctionConfiguration"))
                .resources(List.of(logTransformer.function().getFunctionArn())).build());
        var processing = ProcessingConfigurationProperty.builder().enabled(true).processors(List.of(
                // 1 MB in keeps the function's reply (JSON, about three times the lines) under 6 MB
                FirehoseParts.processor("Lambda", "LambdaArn", logTransformer.function().getFunctionArn(),
                        "BufferSizeInMBs", "1", "BufferIntervalInSeconds", "60"))).build();
        var b = CfnDeliveryStream.Builder.create(scope, "LogsDelivery")
                .deliveryStreamName(config.prefix() + "-logs")
                .deliveryStreamType("DirectPut")
                .deliveryStreamEncryptionConfigurationInput(FirehoseParts.sse());
        if (search != null) {
            statements.addAll(FirehoseParts.writeTo(backup));
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
                    .cloudWatchLoggingOptions(FirehoseParts.logging(scope, logsGroup, "logs"));
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
            statements.addAll(FirehoseParts.writeTo(raw));
            // no OpenSearch: the access-log events go into the lake; all are http_access, by arrival hour
            b.extendedS3DestinationConfiguration(CfnDeliveryStream.ExtendedS3DestinationConfigurationProperty
                    .builder()
                    .bucketArn(raw.getBucketArn()).roleArn(role.getRoleArn())
                    .prefix(Ingest.RAW_PREFIX + "/event_type=http_access/year=!{timestamp:yyyy}/month=!{timestamp:MM}"
                            + "/day=!{timestamp:dd}/hour=!{timestamp:HH}/")
                    .errorOutputPrefix("logs-errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}"
                            + "/month=!{timestamp:MM}/day=!{timestamp:dd}/")
                    .bufferingHints(BufferingHintsProperty.builder().sizeInMBs(64).intervalInSeconds(300).build())
                    .compressionFormat("GZIP").fileExtension(".ndjson.gz")
                    .processingConfiguration(processing)
                    .cloudWatchLoggingOptions(FirehoseParts.logging(scope, logsGroup, "logs"))
                    .build());
        }
        var policy = Policy.Builder.create(scope, "LogsDeliveryPolicy").statements(statements).build();
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
}
