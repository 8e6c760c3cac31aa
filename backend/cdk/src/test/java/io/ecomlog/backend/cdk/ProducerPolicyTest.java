package io.ecomlog.backend.cdk;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shops' producer policy: exactly what the appenders and the starter call, and its outputs. */
class ProducerPolicyTest {

    private static Map<String, List<Object>> actionsBySid(Template template) {
        var policy = Cfn.one(template, "AWS::IAM::ManagedPolicy", "ManagedPolicyName", "ecomlog-producer");
        var out = new java.util.LinkedHashMap<String, List<Object>>();
        for (Object s : Cfn.list(Cfn.at(policy, "PolicyDocument.Statement"))) {
            var statement = Cfn.map(s);
            assertThat(statement.get("Effect")).isEqualTo("Allow");
            out.put((String) statement.get("Sid"), Cfn.list(statement.get("Action")));
        }
        return out;
    }

    @Test
    void producersMayOnlyPutRecordsAndBackupObjects() {
        var template = Synth.variant("minimal").template();
        assertThat(actionsBySid(template)).containsOnly(
                Map.entry("PutEvents", List.of("kinesis:PutRecord", "kinesis:PutRecords", "kinesis:ListShards")),
                Map.entry("EncryptEventsThroughKinesis", List.of("kms:GenerateDataKey")),
                Map.entry("PutDeliveryStreams", List.of("firehose:PutRecord", "firehose:PutRecordBatch")),
                Map.entry("PutBackupObjects", List.of("s3:PutObject")));
        var policy = Cfn.one(template, "AWS::IAM::ManagedPolicy", "ManagedPolicyName", "ecomlog-producer");
        var statements = Cfn.list(Cfn.at(policy, "PolicyDocument.Statement")).stream().map(Cfn::map).toList();
        var backup = statements.stream().filter(s -> "PutBackupObjects".equals(s.get("Sid"))).findFirst()
                .orElseThrow();
        assertThat(backup.get("Resource").toString()).contains("/backup/*");
        var kms = statements.stream().filter(s -> "EncryptEventsThroughKinesis".equals(s.get("Sid"))).findFirst()
                .orElseThrow();
        assertThat(kms.get("Condition").toString()).contains("kms:ViaService");
        // the lake is fed from the stream: producers get only the logs delivery stream
        var firehose = statements.stream().filter(s -> "PutDeliveryStreams".equals(s.get("Sid"))).findFirst()
                .orElseThrow();
        assertThat(Cfn.list(firehose.get("Resource"))).hasSize(1);
    }

    @Test
    void directPutLakeAddsTheEventsDeliveryStream() {
        var template = Synth.variant("replication").template();
        var policy = Cfn.one(template, "AWS::IAM::ManagedPolicy", "ManagedPolicyName", "ecomlog-producer");
        var firehose = Cfn.list(Cfn.at(policy, "PolicyDocument.Statement")).stream().map(Cfn::map)
                .filter(s -> "PutDeliveryStreams".equals(s.get("Sid"))).findFirst().orElseThrow();
        assertThat(Cfn.list(firehose.get("Resource"))).hasSize(2);
        assertThat(template.findOutputs("EventsDeliveryStreamName")).hasSize(1);
    }

    @Test
    void theStackOutputsWhatTheClientSettingsNeed() {
        var outputs = Synth.variant("minimal").template().findOutputs("*");
        assertThat(outputs).containsKeys("ProducerPolicyArn", "EventsStreamName", "LogsDeliveryStreamName",
                "BackupBucketName", "Region").doesNotContainKey("EventsDeliveryStreamName");
    }
}
