package io.ecomlog.backend.cdk;

import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.testing.KinesisLocal;
import io.ecomlog.testing.LocalAws;
import io.ecomlog.testing.Moto;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producers' policy against the client's real calls: the client configured from the stack's outputs puts
 * events into the stream (kinesis-local; then the stream out of reach, so it falls back to the backup bucket on
 * moto) and, with the lake fed directly, into the events delivery stream (moto). Every call must be allowed by
 * the {@code ProducerPolicyArn} policy; what it grants beyond is listed with the reason.
 */
class ProducerCallsTest {

    /** Granted to producers but not called by the ecomlog client, with why. */
    static final Map<String, String> KEPT = Map.of(
            "kinesis:PutRecord", "the KPL transport (ecomlog-kpl) and single-record producers",
            "kinesis:ListShards", "the KPL reads the shard map before it aggregates",
            "kms:GenerateDataKey", "Kinesis encrypts the records with the stream's key on the producer's behalf "
                    + "(kms:ViaService condition)",
            "firehose:PutRecord", "servers' log shippers (Kinesis Agent, Fluent Bit) on the logs delivery stream",
            "firehose:PutRecordBatch", "on the logs delivery stream: servers' log shippers, not the client");

    private final CallRecorder recorder = new CallRecorder();
    private final Moto moto = Moto.shared();

    private ClientOverrideConfiguration recorded() {
        return ClientOverrideConfiguration.builder().addExecutionInterceptor(recorder).build();
    }

    @Test
    void theProducersPolicyAllowsEveryCallOfTheClient() {
        var minimal = new Deployed(Cfn.map(Synth.variant("minimal").template().toJSON()));
        var direct = new Deployed(Cfn.map(Synth.variant("replication").template().toJSON()));
        String stream = output(minimal, "EventsStreamName");
        String backup = output(minimal, "BackupBucketName");
        var kinesisLocal = KinesisLocal.shared();
        kinesisLocal.createStream(stream);
        try (var s3 = LocalAws.configure(S3Client.builder(), moto.endpoint(), recorded()).forcePathStyle(true)
                .build();
             var kinesis = kinesisLocal.newClient(recorded());
             // nothing listens there: the stream is out of reach and the client falls back to the backup bucket
             var unreachable = LocalAws.configure(KinesisClient.builder(), LocalAws.httpEndpoint(LocalAws.freePort()),
                     recorded()).build()) {
            createBucket(backup);
            try (var client = client().kinesis(kinesis, stream).s3Backup(s3, backup, "backup").build()) {
                sendAndFlush(client, 20);
                var stats = client.stats().destination("kinesis:" + stream);
                assertThat(stats.backedUpTotal()).as("%s after %s", stats, recorder.failures()).isZero();
            }
            try (var client = client().kinesis(unreachable, stream).s3Backup(s3, backup, "backup")
                    .recordTtl(Duration.ofSeconds(1)).build()) {
                sendAndFlush(client, 20);
                assertThat(client.stats().destination("kinesis:" + stream).backedUpTotal()).isEqualTo(20);
            }
        }
        // the lake fed directly: the events delivery stream
        String delivery = output(direct, "EventsDeliveryStreamName");
        try (var firehose = LocalAws.configure(FirehoseClient.builder(), moto.endpoint(), recorded()).build()) {
            String lake = LocalAws.uniqueName("lake");
            createBucket(lake);
            firehose.createDeliveryStream(b -> b.deliveryStreamName(delivery).deliveryStreamType("DirectPut")
                    .extendedS3DestinationConfiguration(ExtendedS3DestinationConfiguration.builder()
                            .bucketARN("arn:aws:s3:::" + lake)
                            .roleARN("arn:aws:iam::" + Moto.ACCOUNT + ":role/firehose").build()));
            try (var client = client().firehose(firehose, delivery).build()) {
                sendAndFlush(client, 20);
            }
        }

        var calls = recorder.calls().stream().filter(c -> !c.action().equals("firehose:CreateDeliveryStream"))
                .toList();
        assertThat(calls).extracting(CallRecorder.Call::action).contains("kinesis:PutRecords", "s3:PutObject",
                "firehose:PutRecordBatch");
        var unexercised = new ArrayList<String>();
        for (var deployed : List.of(minimal, direct)) {
            var policy = deployed.ids("AWS::IAM::ManagedPolicy").stream().map(deployed::properties)
                    .filter(p -> "ecomlog-producer".equals(p.get("ManagedPolicyName"))).findFirst().orElseThrow();
            var permissions = Permissions.of(deployed, List.of(policy.get("PolicyDocument")));
            var own = calls.stream().filter(c -> deployed == direct || !c.action().startsWith("firehose:")).toList();
            assertThat(own).allSatisfy(c -> assertThat(permissions.allows(c)).as("producers may %s", c).isTrue());
            unexercised.addAll(permissions.unexercised(own));
        }
        assertThat(KEPT.keySet()).containsAll(unexercised);
        System.out.printf("producer policy: %d calls recorded, all allowed; granted but not called: %s%n",
                calls.size(), new java.util.TreeSet<>(unexercised));
    }

    private static String output(Deployed deployed, String name) {
        return deployed.string(Cfn.at(deployed.outputs(), name + ".Value"));
    }

    private void createBucket(String bucket) {
        try (var s3 = moto.configure(S3Client.builder()).forcePathStyle(true).build()) {
            s3.createBucket(b -> b.bucket(bucket));
        } catch (S3Exception alreadyThere) {
            // created by another test class of this JVM (the same template's backup bucket)
        }
    }

    private static EcomlogClient.Builder client() {
        return EcomlogClient.builder().producerId("policy-check").shutdownHook(false).gzip(false)
                .linger(Duration.ofMillis(20)).retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    private static void sendAndFlush(EcomlogClient client, int events) {
        for (int i = 0; i < events; i++) {
            assertThat(client.submitJson(("{\"event_id\":\"e-" + i + "\",\"event_type\":\"page_viewed\","
                    + "\"schema_version\":\"1\",\"event_time\":\"2026-12-06T10:00:00Z\"}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8))).isTrue();
        }
        assertThat(client.flush(Duration.ofSeconds(30))).as("flushed").isTrue();
    }
}
