package io.ecomlog.backend.flink;

import io.ecomlog.alert.AlertCodec;
import io.ecomlog.backend.flink.settings.Parameters;
import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.reader.RecordReader;
import io.ecomlog.testing.KinesisLocal;
import io.ecomlog.testing.KinesisRecordData;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production wiring end to end on kinesis-local: events written by the ecomlog client (packed, gzip) to a
 * two-shard stream, read by the Kinesis connector's source, alerts written by its sink to a second stream and read
 * back the way the alerter reads them.
 */
class KinesisConnectorTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.twoSlots();

    @Test
    void eventsFromTheClientThroughTheKinesisSourceAndAlertsOutThroughTheKinesisSink() throws Exception {
        var kinesis = KinesisLocal.shared();
        String events = kinesis.uniqueStreamName("flink-events");
        String alerts = kinesis.uniqueStreamName("flink-alerts");
        kinesis.createStream(events, 2);
        kinesis.createStream(alerts, 1);
        var s = new Scenario();
        BotDetectionTest.times(s, "u-bot", "10.7.0.1", 11, 0, 300);
        BotDetectionTest.times(s, "u-human", "10.7.0.2", 3, 0, 2000);
        s.view("u-clock", "10.7.0.3", 20_000); // moves the watermark past the first window
        try (var client = EcomlogClient.builder().kinesis(kinesis.client(), events).gzip(true).producerId("flink-test")
                .spoolDirectory(Path.of("target", "spool-flink-test")).shutdownHook(false)
                .linger(Duration.ofMillis(50)).build()) {
            s.events().forEach(client::track);
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
        }
        String arn = kinesis.client().describeStreamSummary(b -> b.streamName(events)).streamDescriptionSummary()
                .streamARN();

        var env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.configure(GraphRun.noKryo());
        EcomlogJobs.attach(env, new Parameters(Map.of(
                "ecomlog.source.type", "kinesis",
                "ecomlog.source.stream.arn", arn,
                "ecomlog.source.initial.position", "trim_horizon",
                "ecomlog.sink.type", "kinesis",
                "ecomlog.sink.alerts.stream.name", alerts,
                "ecomlog.aws.region", "us-east-1",
                "ecomlog.aws.endpoint", kinesis.endpoint().toString(),
                "ecomlog.jobs.jobs", "bot",
                "ecomlog.jobs.watermark.idleness", "1s",
                "ecomlog.runtime.checkpoint.interval", "1s")));
        var job = env.executeAsync("kinesis to kinesis");
        try {
            var written = kinesis.awaitRecords(alerts, 2, Duration.ofSeconds(90));
            var found = new TreeSet<String>();
            var codec = new AlertCodec();
            for (KinesisRecordData record : written) {
                RecordReader.lines(record.data()).forEach(line -> {
                    var alert = codec.decode(line);
                    found.add(alert.kind() + " " + alert.key() + " " + alert.count());
                });
            }
            assertThat(found).containsExactly("bot_ip 10.7.0.1 11", "bot_user u-bot 11");
        } finally {
            job.cancel().get();
        }
    }
}
