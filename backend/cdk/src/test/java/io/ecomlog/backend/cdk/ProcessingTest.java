package io.ecomlog.backend.cdk;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The functions and their triggers, the tables, the API, the Flink application and the OpenSearch domain. */
class ProcessingTest {

    private final Synth.Synthesized minimalSynth = Synth.variant("minimal");
    private final Template minimal = minimalSynth.template();

    private static Map<String, Object> function(Template t, String handler) {
        return Cfn.one(t, "AWS::Lambda::Function", "Handler", handler);
    }

    private static Map<String, Object> env(Map<String, Object> function) {
        return Cfn.map(Cfn.at(function, "Environment.Variables"));
    }

    @Test
    void everyFunctionRunsJava21OnArmWithReservedConcurrencyAndItsOwnLogGroup() {
        var functions = Cfn.properties(minimal, "AWS::Lambda::Function");
        assertThat(functions).extracting(f -> f.get("Handler")).containsExactlyInAnyOrder(
                Artifacts.S3_LOG_PROCESSOR, Artifacts.FIREHOSE_LOG_TRANSFORMER, Artifacts.ORDER_HISTORY,
                Artifacts.ORDER_HISTORY_API, Artifacts.ALERTER);
        for (var f : functions) {
            assertThat(f.get("Runtime")).isEqualTo("java21");
            assertThat(f.get("Architectures")).isEqualTo(List.of("arm64"));
            assertThat(f.get("ReservedConcurrentExecutions")).isEqualTo(10);
            assertThat(Cfn.at(f, "LoggingConfig.LogGroup")).isNotNull();
            assertThat(env(f)).containsEntry("POWERTOOLS_METRICS_NAMESPACE", "ecomlog");
        }
    }

    @Test
    void functionsGetTheEnvironmentTheirHandlersRequire() {
        assertThat(env(function(minimal, Artifacts.ORDER_HISTORY))).containsKey("ORDERS_TABLE");
        assertThat(env(function(minimal, Artifacts.ORDER_HISTORY_API))).containsKey("ORDERS_TABLE");
        assertThat(env(function(minimal, Artifacts.ALERTER))).containsKeys("ALERTS_TABLE", "ALERT_TOPIC_ARN");
        assertThat(env(function(minimal, Artifacts.S3_LOG_PROCESSOR))).containsKey("PROCESSED_BUCKET");
        assertThat(Cfn.at(function(minimal, Artifacts.S3_LOG_PROCESSOR), "EphemeralStorage.Size")).isEqualTo(4096);

        var search = Synth.variant("openSearch").template();
        for (String indexer : List.of(Artifacts.KINESIS_INDEXER, Artifacts.S3_INDEXER)) {
            var e = env(function(search, indexer));
            assertThat(e).containsKeys("OPENSEARCH_ENDPOINT", "DEAD_LETTER_BUCKET")
                    .containsEntry("DEAD_LETTER_PREFIX", "opensearch-dead-letter/")
                    .containsEntry("INDEX_PREFIX", "ecomlog").containsEntry("RETENTION_DAYS", "30");
        }
    }

    @Test
    void theLambdaCodeIsTheModulesBuiltJar() throws IOException {
        var assembly = Path.of(minimalSynth.app().synth().getDirectory());
        var artifacts = Synth.artifacts();
        for (var f : Cfn.properties(minimal, "AWS::Lambda::Function")) {
            String key = (String) Cfn.at(f, "Code.S3Key");
            assertThat(key).endsWith(".jar");
            var staged = assembly.resolve("asset." + key);
            assertThat(staged).exists();
            // the jar staged for deployment is byte for byte the one Maven copied from the lambda module
            assertThat(Files.mismatch(staged, artifacts.lambdaJar())).isEqualTo(-1L);
        }
    }

    @Test
    void streamConsumersReportPartialFailuresAndGiveUpIntoTheirDeadLetterQueue() {
        var mappings = Cfn.properties(minimal, "AWS::Lambda::EventSourceMapping");
        assertThat(mappings).hasSize(3); // order history ← events; alerter ← alerts and events
        for (var m : mappings) {
            assertThat(m.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
            assertThat(m.get("BisectBatchOnFunctionError")).isEqualTo(true);
            assertThat(m.get("MaximumRetryAttempts")).isEqualTo(10);
            assertThat(m.get("StartingPosition")).isEqualTo("TRIM_HORIZON");
            assertThat(Cfn.at(m, "DestinationConfig.OnFailure.Destination")).isNotNull();
        }
        assertThat(Cfn.properties(Synth.variant("openSearch").template(), "AWS::Lambda::EventSourceMapping"))
                .hasSize(4);
    }

    @Test
    void uploadedLogFilesTriggerTheLogProcessorThroughEventBridge() {
        var rules = Cfn.properties(minimal, "AWS::Events::Rule").stream()
                .filter(r -> r.get("EventPattern") != null
                        && r.get("EventPattern").toString().contains("Object Created")).toList();
        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).get("EventPattern").toString()).contains("prefix=uploads/");
        assertThat(Cfn.at(Cfn.map(Cfn.list(rules.get(0).get("Targets")).get(0)), "DeadLetterConfig.Arn"))
                .isNotNull();
        var invokeConfig = Cfn.properties(minimal, "AWS::Lambda::EventInvokeConfig");
        assertThat(invokeConfig).hasSize(1);
        assertThat(invokeConfig.get(0).get("MaximumRetryAttempts")).isEqualTo(2);
        assertThat(Cfn.at(invokeConfig.get(0), "DestinationConfig.OnFailure.Destination")).isNotNull();
    }

    @Test
    void theApiFunctionUsesSnapStartThroughItsAlias() {
        var api = function(minimal, Artifacts.ORDER_HISTORY_API);
        assertThat(Cfn.at(api, "SnapStart.ApplyOn")).isEqualTo("PublishedVersions");
        assertThat(Cfn.properties(minimal, "AWS::Lambda::Alias")).extracting(a -> a.get("Name"))
                .containsExactly("live");
        var method = Cfn.properties(minimal, "AWS::ApiGateway::Method").stream()
                .filter(m -> "GET".equals(m.get("HttpMethod"))).findFirst().orElseThrow();
        assertThat(Cfn.at(method, "Integration.Uri").toString())
                .contains(minimal.getResourceId("AWS::Lambda::Alias"));
    }

    @Test
    void tablesHavePointInTimeRecoveryTtlAndTheOrderIndex() {
        var tables = Cfn.properties(minimal, "AWS::DynamoDB::Table");
        assertThat(tables).extracting(t -> t.get("TableName")).containsExactlyInAnyOrder(
                "ecomlog-orders", "ecomlog-alerts", "ecomlog-recommendations");
        for (var t : tables) {
            assertThat(Cfn.at(t, "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled")).isEqualTo(true);
            assertThat(t.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
            assertThat(t.get("DeletionProtectionEnabled")).isEqualTo(true);
        }
        var orders = Cfn.one(minimal, "AWS::DynamoDB::Table", "TableName", "ecomlog-orders");
        assertThat(orders.get("KeySchema").toString()).contains("AttributeName=customer", "AttributeName=order_id");
        assertThat(orders.get("LocalSecondaryIndexes").toString()).contains("IndexName=by_time", "placed_sort");
        assertThat(Cfn.at(Cfn.one(minimal, "AWS::DynamoDB::Table", "TableName", "ecomlog-alerts"),
                "TimeToLiveSpecification.AttributeName")).isEqualTo("expires_at");
        assertThat(Cfn.one(minimal, "AWS::DynamoDB::Table", "TableName", "ecomlog-recommendations")
                .get("KeySchema").toString()).contains("AttributeName=pk");
    }

    @Test
    void flinkJobsRunOnManagedFlinkWithTheirPropertyGroups() {
        var app = Cfn.properties(minimal, "AWS::KinesisAnalyticsV2::Application").get(0);
        assertThat(app.get("RuntimeEnvironment")).isEqualTo("FLINK-1_20");
        var config = Cfn.map(app.get("ApplicationConfiguration"));
        var groups = Cfn.list(Cfn.at(config, "EnvironmentProperties.PropertyGroups")).stream().map(Cfn::map)
                .toList();
        // the names io.ecomlog.backend.flink.settings.Parameters reads: group + "." + key
        assertThat(groups).extracting(g -> g.get("PropertyGroupId"))
                .containsExactly("ecomlog.source", "ecomlog.aws", "ecomlog.sink", "ecomlog.jobs");
        assertThat(Cfn.map(groups.get(0).get("PropertyMap"))).containsEntry("type", "kinesis")
                .containsKey("stream.arn").containsEntry("initial.position", "LATEST");
        assertThat(Cfn.map(groups.get(1).get("PropertyMap"))).containsKey("region");
        assertThat(Cfn.map(groups.get(2).get("PropertyMap"))).containsEntry("type", "kinesis")
                .containsKey("alerts.stream.name");
        assertThat(Cfn.map(groups.get(3).get("PropertyMap"))).containsEntry("jobs", "bot,surge,kpi");
        assertThat(Cfn.at(config, "ApplicationSnapshotConfiguration.SnapshotsEnabled")).isEqualTo(true);
        assertThat(Cfn.at(config, "FlinkApplicationConfiguration.CheckpointConfiguration.ConfigurationType"))
                .isEqualTo("DEFAULT");
        assertThat(Cfn.at(config, "ApplicationCodeConfiguration.CodeContent.S3ContentLocation.FileKey"))
                .asString().endsWith(".jar");
        minimal.resourceCountIs("AWS::KinesisAnalyticsV2::ApplicationCloudWatchLoggingOption", 1);
    }

    @Test
    void openSearchHasFineGrainedAccessEncryptionAndHttpsOnly() {
        var domain = Cfn.properties(Synth.variant("openSearch").template(), "AWS::OpenSearchService::Domain")
                .get(0);
        assertThat(domain.get("EngineVersion")).isEqualTo("OpenSearch_2.19");
        assertThat(Cfn.at(domain, "AdvancedSecurityOptions.Enabled")).isEqualTo(true);
        assertThat(Cfn.at(domain, "AdvancedSecurityOptions.InternalUserDatabaseEnabled")).isEqualTo(false);
        assertThat(Cfn.at(domain, "NodeToNodeEncryptionOptions.Enabled")).isEqualTo(true);
        assertThat(Cfn.at(domain, "EncryptionAtRestOptions.Enabled")).isEqualTo(true);
        assertThat(Cfn.at(domain, "DomainEndpointOptions.EnforceHTTPS")).isEqualTo(true);
        assertThat(Cfn.at(domain, "DomainEndpointOptions.TLSSecurityPolicy")).asString().contains("TLS-1-2");
        assertThat(Cfn.at(domain, "ClusterConfig.ZoneAwarenessEnabled")).isEqualTo(true);
        assertThat(domain.get("AccessPolicies").toString()).contains("es:ESHttp*").doesNotContain("AWS=*");
        assertThat(domain).doesNotContainKey("VPCOptions");
        assertThat(Cfn.map(domain.get("LogPublishingOptions"))).containsKeys(
                "SEARCH_SLOW_LOGS", "INDEX_SLOW_LOGS", "ES_APPLICATION_LOGS");

        var inVpc = Synth.variant("openSearchInVpc").template();
        var vpcDomain = Cfn.properties(inVpc, "AWS::OpenSearchService::Domain").get(0);
        assertThat(Cfn.list(Cfn.at(vpcDomain, "VPCOptions.SubnetIds"))).hasSize(2);
        for (String indexer : List.of(Artifacts.KINESIS_INDEXER, Artifacts.S3_INDEXER)) {
            assertThat(Cfn.list(Cfn.at(function(inVpc, indexer), "VpcConfig.SubnetIds"))).hasSize(3);
        }
        inVpc.resourceCountIs("AWS::EC2::NatGateway", 0);
        inVpc.resourceCountIs("AWS::EC2::FlowLog", 1);
    }

    @Test
    void theApiIsThrottledLoggedValidatedAndAuthorized() {
        var stage = Cfn.properties(minimal, "AWS::ApiGateway::Stage").get(0);
        var settings = Cfn.map(Cfn.list(stage.get("MethodSettings")).get(0));
        assertThat(settings).containsEntry("ThrottlingRateLimit", 50).containsEntry("ThrottlingBurstLimit", 100)
                .containsEntry("LoggingLevel", "ERROR");
        assertThat(Cfn.at(stage, "AccessLogSetting.DestinationArn")).isNotNull();
        var get = Cfn.properties(minimal, "AWS::ApiGateway::Method").stream()
                .filter(m -> "GET".equals(m.get("HttpMethod"))).findFirst().orElseThrow();
        assertThat(get.get("AuthorizationType")).isEqualTo("AWS_IAM");
        assertThat(get.get("RequestValidatorId")).isNotNull();
        minimal.resourceCountIs("AWS::ApiGateway::Resource", 3); // customers/{id}/orders

        var cognito = Synth.variant("openSearchInVpc").template();
        var cognitoGet = Cfn.properties(cognito, "AWS::ApiGateway::Method").stream()
                .filter(m -> "GET".equals(m.get("HttpMethod"))).findFirst().orElseThrow();
        assertThat(cognitoGet.get("AuthorizationType")).isEqualTo("COGNITO_USER_POOLS");
        assertThat(Cfn.properties(cognito, "AWS::Cognito::UserPool").get(0).get("MfaConfiguration"))
                .isEqualTo("ON");
    }
}
