package io.ecomlog.shipper;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.pipeline.PartitionKeyStrategy;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.testing.FirehoseStub;
import io.ecomlog.testing.KinesisLocal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.ecomlog.shipper.ShipperFixtures.append;
import static io.ecomlog.shipper.ShipperFixtures.expected;
import static io.ecomlog.shipper.ShipperFixtures.kinesisConfig;
import static io.ecomlog.shipper.ShipperFixtures.messages;
import static io.ecomlog.shipper.ShipperFixtures.streamEvents;
import static org.assertj.core.api.Assertions.assertThat;

/** Flows to Kinesis (kinesis-local) and Firehose (the WireMock stub) through the endpoint overrides. */
class StreamTargetsTest {

    @TempDir
    Path dir;

    @Test
    void shipsEveryLineToTheStreamOnce() throws Exception {
        var kinesis = KinesisLocal.shared();
        var stream = kinesis.uniqueStreamName("ship");
        kinesis.createStream(stream, 1);
        var log = dir.resolve("app.log");
        append(log, "k", 0, 300);

        var shipper = new Shipper(kinesisConfig(dir, log, kinesis.endpoint(), stream));
        shipper.runOnce();

        assertThat(messages(streamEvents(kinesis, stream))).containsExactlyInAnyOrderElementsOf(expected("k", 0, 300));
        assertThat(shipper.status()).contains("sent=300", "dropped=0");
    }

    @Test
    void theSameFilesToAStreamAndADeliveryStreamKeepTheirOwnPositions() throws Exception {
        var kinesis = KinesisLocal.shared();
        var stream = kinesis.uniqueStreamName("both");
        kinesis.createStream(stream, 1);
        var firehose = FirehoseStub.shared();
        var delivery = firehose.uniqueDeliveryStreamName("both");
        var log = dir.resolve("app.log");
        append(log, "f", 0, 120);
        // as in the agent guide's example: one filePattern, two flows
        var toKinesis = new FlowConfig(log.toString(), Target.kinesis(stream), LineFormat.AUTO,
                InitialPosition.START_OF_FILE, Duration.ofMillis(20), PartitionKeyStrategy.RANDOM);
        var toFirehose = new FlowConfig(log.toString(), Target.firehose(delivery), LineFormat.AUTO,
                InitialPosition.START_OF_FILE, Duration.ofMillis(20), PartitionKeyStrategy.RANDOM);
        var config = new ShipperConfig(dir.resolve("checkpoints.json"), null, "us-east-1", kinesis.endpoint(),
                firehose.endpoint(), List.of(toKinesis, toFirehose), ShipperConfig.DEFAULT_MAX_LINE_BYTES,
                Duration.ofMillis(20), Duration.ofMillis(200), Duration.ZERO, List.of());

        new Shipper(config).runOnce();
        append(log, "f", 120, 150);
        new Shipper(config).runOnce();

        var codec = new EventCodec();
        var viaFirehose = RecordCodec.lines(firehose.receivedRecords(delivery)).stream().map(codec::decode).toList();
        assertThat(messages(viaFirehose)).containsExactlyInAnyOrderElementsOf(expected("f", 0, 150));
        assertThat(messages(streamEvents(kinesis, stream))).containsExactlyInAnyOrderElementsOf(expected("f", 0, 150));
        var saved = new ObjectMapper().readTree(dir.resolve("checkpoints.json").toFile()).get("files");
        assertThat(saved).hasSize(2);
        assertThat(saved).allSatisfy(entry -> assertThat(entry.get("offset").asLong()).isEqualTo(
                java.nio.file.Files.size(log)));
    }
}
