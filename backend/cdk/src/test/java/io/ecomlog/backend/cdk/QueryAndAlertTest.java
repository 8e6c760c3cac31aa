package io.ecomlog.backend.cdk;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** Athena, Glue, EMR Serverless, Redshift, SNS, alarms and the dashboard. */
class QueryAndAlertTest {

    private final Template minimal = Synth.variant("minimal").template();

    @Test
    void athenaWorkgroupEncryptsResultsAndBoundsScans() {
        var wg = Cfn.properties(minimal, "AWS::Athena::WorkGroup").get(0);
        var config = Cfn.map(wg.get("WorkGroupConfiguration"));
        assertThat(config.get("EnforceWorkGroupConfiguration")).isEqualTo(true);
        assertThat(((Number) config.get("BytesScannedCutoffPerQuery")).longValue()).isEqualTo(10L << 30);
        assertThat(Cfn.at(config, "ResultConfiguration.EncryptionConfiguration.EncryptionOption"))
                .isEqualTo("SSE_S3");
        assertThat(Cfn.at(config, "EngineVersion.SelectedEngineVersion")).isEqualTo("Athena engine version 3");
    }

    @Test
    void everyQueryFileBecomesANamedQuery() {
        var files = Analytics.readQueries(Synth.artifacts().athenaQueries());
        assertThat(files).isNotEmpty();
        var named = Cfn.properties(minimal, "AWS::Athena::NamedQuery");
        assertThat(named).extracting(q -> q.get("Name")).containsExactlyInAnyOrderElementsOf(files.keySet());
        for (var q : named) {
            assertThat(q.get("QueryString")).isEqualTo(files.get((String) q.get("Name")));
            assertThat(q.get("Database")).isEqualTo("ecomlog");
        }
    }

    @Test
    void glueEtlJobRunsHourlyWithEncryptedLogsAndBookmarks() {
        var job = Cfn.properties(minimal, "AWS::Glue::Job").get(0);
        assertThat(job.get("GlueVersion")).isEqualTo("5.0");
        assertThat(Cfn.at(job, "Command.Name")).isEqualTo("glueetl");
        assertThat(Cfn.map(job.get("DefaultArguments"))).containsEntry("--class", Analytics.GLUE_LAUNCHER)
                .containsEntry("--job-bookmark-option", "job-bookmark-disable").containsKey("--extra-jars")
                .containsKeys("--raw", "--curated", "--quarantine", "--bookmark"); // CurateSettings' parameters
        assertThat(Analytics.glueLauncher(Synth.artifacts().glueEtlClass())).content()
                .contains("object EcomlogGlueLauncher", Synth.artifacts().glueEtlClass() + ".main(sysArgs)");
        assertThat(job.get("SecurityConfiguration")).isEqualTo("ecomlog-glue");
        var security = Cfn.properties(minimal, "AWS::Glue::SecurityConfiguration").get(0);
        assertThat(security.toString()).contains("CloudWatchEncryptionMode=SSE-KMS", "JobBookmarksEncryptionMode=CSE-KMS");
        var trigger = Cfn.properties(minimal, "AWS::Glue::Trigger").get(0);
        assertThat(trigger).containsEntry("Type", "SCHEDULED").containsEntry("Schedule", "cron(15 * * * ? *)");
        minimal.resourceCountIs("AWS::Glue::Crawler", 0);
        var crawler = Cfn.properties(Synth.variant("redshift").template(), "AWS::Glue::Crawler").get(0);
        assertThat(crawler.get("CrawlerSecurityConfiguration")).isEqualTo("ecomlog-glue");
    }

    @Test
    void alsRunsDailyOnEmrServerless() {
        var emr = Cfn.properties(minimal, "AWS::EMRServerless::Application").get(0);
        assertThat(emr).containsEntry("Type", "SPARK");
        assertThat((String) emr.get("ReleaseLabel")).startsWith("emr-7.");
        assertThat(Cfn.at(emr, "AutoStopConfiguration.Enabled")).isEqualTo(true);
        var schedule = Cfn.properties(minimal, "AWS::Scheduler::Schedule").get(0);
        assertThat(schedule.get("ScheduleExpression")).isEqualTo("cron(0 3 * * ? *)");
        assertThat(Cfn.at(schedule, "Target.Arn")).asString().contains(":scheduler:::aws-sdk:emrserverless:startJobRun");
        assertThat(Cfn.at(schedule, "Target.Input").toString()).contains(Synth.artifacts().alsClass());
    }

    @Test
    void redshiftServerlessIsPrivateInThreeZones() {
        var template = Synth.variant("redshift").template();
        var workgroup = Cfn.properties(template, "AWS::RedshiftServerless::Workgroup").get(0);
        assertThat(workgroup).containsEntry("PubliclyAccessible", false).containsEntry("EnhancedVpcRouting", true)
                .containsEntry("BaseCapacity", 8);
        assertThat(Cfn.list(workgroup.get("SubnetIds"))).hasSize(3);
        var namespace = Cfn.properties(template, "AWS::RedshiftServerless::Namespace").get(0);
        assertThat(namespace).containsEntry("ManageAdminPassword", true);
        assertThat(namespace.get("KmsKeyId")).isNotNull();
        minimal.resourceCountIs("AWS::RedshiftServerless::Workgroup", 0);
        minimal.resourceCountIs("AWS::EC2::VPC", 0);
    }

    @Test
    void topicsAreEncryptedTlsOnlyAndSubscribedFromContext() {
        var template = Synth.variant("openSearch").template();
        var topics = Cfn.properties(template, "AWS::SNS::Topic");
        assertThat(topics).extracting(t -> t.get("TopicName")).containsExactlyInAnyOrder("ecomlog-alerts",
                "ecomlog-ops");
        assertThat(topics).allMatch(t -> t.get("KmsMasterKeyId") != null);
        assertThat(Cfn.properties(template, "AWS::SNS::TopicPolicy")).hasSize(2)
                .allMatch(p -> p.toString().contains("aws:SecureTransport=false"));
        assertThat(Cfn.properties(template, "AWS::SNS::Subscription"))
                .extracting(s -> s.get("Protocol") + " " + s.get("Endpoint"))
                .containsExactlyInAnyOrder("email shop@example.com", "sms +4915112345678", "email ops@example.com");
        minimal.resourceCountIs("AWS::SNS::Subscription", 0);
    }

    @Test
    void alarmsCoverFunctionsStreamsFirehoseFlinkGlueAndDeadLettersAndNotifyOps() {
        var alarms = Cfn.properties(minimal, "AWS::CloudWatch::Alarm");
        var metrics = alarms.stream().map(a -> a.get("MetricName")).filter(Objects::nonNull).toList();
        assertThat(metrics).contains("Errors", "Throttles", "IteratorAge", "ApproximateNumberOfMessagesVisible",
                "DeliveryToS3.Success", "downtime", "glue.driver.aggregate.numFailedTasks", "5XXError");
        // five functions: errors and throttles each; dead letters of the three with an asynchronous or stream trigger
        assertThat(metrics.stream().filter("Errors"::equals)).hasSize(5);
        assertThat(metrics.stream().filter("Throttles"::equals)).hasSize(5);
        assertThat(metrics.stream().filter("ApproximateNumberOfMessagesVisible"::equals)).hasSize(3);
        assertThat(metrics.stream().filter("IteratorAge"::equals)).hasSize(2);
        assertThat(alarms).hasSize(21);
        minimal.resourceCountIs("AWS::SQS::Queue", 3);
        assertThat(alarms).anyMatch(a -> a.toString().contains("DIFF(failed)")
                && a.toString().contains("numberOfFailedCheckpoints"));
        String ops = minimal.getResourceId("AWS::SNS::Topic", Map.of("Properties", Map.of("TopicName", "ecomlog-ops")));
        assertThat(alarms).allMatch(a -> a.get("AlarmActions").toString().contains(ops));
        var glueFailed = Cfn.properties(minimal, "AWS::Events::Rule").stream()
                .filter(r -> String.valueOf(r.get("EventPattern")).contains("Glue Job State Change")).toList();
        assertThat(glueFailed).hasSize(1);
        assertThat(glueFailed.get(0).get("Targets").toString()).contains(ops);
    }

    @Test
    void theDashboardShowsTheBackend() {
        var dashboards = Cfn.properties(minimal, "AWS::CloudWatch::Dashboard");
        assertThat(dashboards).hasSize(1);
        String body = dashboards.get(0).get("DashboardBody").toString();
        assertThat(body).contains("IncomingRecords", "IteratorAge", "downtime", "numberOfFailedCheckpoints",
                "ApproximateNumberOfMessagesVisible", "Latency");
        assertThat(List.of(dashboards.get(0).get("DashboardName"))).containsExactly("ecomlog-backend");
    }
}
