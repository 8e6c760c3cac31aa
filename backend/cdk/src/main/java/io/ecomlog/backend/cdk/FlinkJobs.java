package io.ecomlog.backend.cdk;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplication;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplicationCloudWatchLoggingOption;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogStream;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * The Flink jobs (bots, surges, KPIs) as one Managed Service for Apache Flink application: the flink module's jar,
 * runtime FLINK-1_20, checkpoints and snapshots on, the property groups the jobs read (names of the streams, which
 * jobs run). CloudFormation creates the application stopped: start it once after the first deployment (README).
 */
final class FlinkJobs extends Construct {

    static final String RUNTIME = "FLINK-1_20";

    private final CfnApplication application;
    private final String applicationName;

    FlinkJobs(Construct scope, String id, EcomlogConfig config, Artifacts artifacts, IStream events,
              IStream alerts) {
        super(scope, id);
        applicationName = config.prefix() + "-jobs";
        var code = Asset.Builder.create(this, "Code").path(artifacts.flinkJar().toString()).build();
        var logs = LogGroup.Builder.create(this, "Logs")
                .retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY).build();
        var logStream = LogStream.Builder.create(this, "LogStream").logGroup(logs)
                .logStreamName("jobs").removalPolicy(RemovalPolicy.DESTROY).build();

        var role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("kinesisanalytics.amazonaws.com")).build();
        code.grantRead(role);
        events.grantRead(role);
        alerts.grantWrite(role);
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("logs:PutLogEvents", "logs:DescribeLogStreams", "logs:DescribeLogGroups"))
                .resources(List.of(logs.getLogGroupArn(),
                        "arn:" + Aws.PARTITION + ":logs:" + Aws.REGION + ":" + Aws.ACCOUNT_ID
                                + ":log-group:" + logs.getLogGroupName() + ":log-stream:*"))
                .build());
        Nag.objectsOfBuckets(role);
        Nag.suppressOnly(role, "AwsSolutions-IAM5",
                "The application writes to the log streams of its own log group (log-stream:*).",
                "^Resource::arn:.*:log-stream:\\*$");

        application = CfnApplication.Builder.create(this, "Application")
                .applicationName(applicationName)
                .applicationDescription("ecomlog Flink jobs: " + config.flinkJobs())
                .runtimeEnvironment(RUNTIME)
                .serviceExecutionRole(role.getRoleArn())
                .applicationConfiguration(CfnApplication.ApplicationConfigurationProperty.builder()
                        .applicationCodeConfiguration(CfnApplication.ApplicationCodeConfigurationProperty.builder()
                                .codeContentType("ZIPFILE")
                                .codeContent(CfnApplication.CodeContentProperty.builder()
                                        .s3ContentLocation(CfnApplication.S3ContentLocationProperty.builder()
                                                .bucketArn(code.getBucket().getBucketArn())
                                                .fileKey(code.getS3ObjectKey()).build())
                                        .build())
                                .build())
                        .environmentProperties(CfnApplication.EnvironmentPropertiesProperty.builder()
                                .propertyGroups(List.of(
                                        group("ecomlog.source", Map.of(
                                                "type", "kinesis",
                                                "stream.arn", events.getStreamArn(),
                                                "initial.position", "LATEST")),
                                        group("ecomlog.aws", Map.of("region", Aws.REGION)),
                                        group("ecomlog.sink", Map.of(
                                                "type", "kinesis",
                                                "alerts.stream.name", alerts.getStreamName())),
                                        group("ecomlog.jobs", Map.of("jobs", config.flinkJobs()))))
                                .build())
                        .flinkApplicationConfiguration(CfnApplication.FlinkApplicationConfigurationProperty.builder()
                                // DEFAULT: checkpoints every minute, restarts from the last one
                                .checkpointConfiguration(CfnApplication.CheckpointConfigurationProperty.builder()
                                        .configurationType("DEFAULT").build())
                                .monitoringConfiguration(CfnApplication.MonitoringConfigurationProperty.builder()
                                        .configurationType("CUSTOM").logLevel("INFO").metricsLevel("APPLICATION")
                                        .build())
                                .parallelismConfiguration(CfnApplication.ParallelismConfigurationProperty.builder()
                                        .configurationType("CUSTOM").parallelism(config.flinkParallelism())
                                        .parallelismPerKpu(1).autoScalingEnabled(true).build())
                                .build())
                        .applicationSnapshotConfiguration(CfnApplication.ApplicationSnapshotConfigurationProperty
                                .builder().snapshotsEnabled(true).build())
                        .build())
                .build();
        application.getNode().addDependency(role);
        var logging = CfnApplicationCloudWatchLoggingOption.Builder.create(this, "Logging")
                .applicationName(applicationName)
                .cloudWatchLoggingOption(CfnApplicationCloudWatchLoggingOption.CloudWatchLoggingOptionProperty
                        .builder().logStreamArn("arn:" + Aws.PARTITION + ":logs:" + Aws.REGION + ":" + Aws.ACCOUNT_ID
                                + ":log-group:" + logs.getLogGroupName() + ":log-stream:"
                                + logStream.getLogStreamName()).build())
                .build();
        logging.addResourceDependency(application);
    }

    private static CfnApplication.PropertyGroupProperty group(String id, Map<String, String> properties) {
        return CfnApplication.PropertyGroupProperty.builder().propertyGroupId(id).propertyMap(properties).build();
    }

    CfnApplication application() { return application; }
    String applicationName() { return applicationName; }
}
