package io.ecomlog.shipper;

import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.pipeline.PartitionKeyStrategy;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.testing.KinesisLocal;
import io.ecomlog.testing.KinesisRecordData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.ecomlog.shipper.ShipperFixtures.append;
import static io.ecomlog.shipper.ShipperFixtures.expected;
import static io.ecomlog.shipper.ShipperFixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;

/** A flow to a Kinesis data stream: the stand-in (kinesis-local) through the endpoint override. */
class KinesisShipTest {

    @TempDir
    Path dir;

    @Test
    void shipsEveryLineToTheStreamOnce() throws Exception {
        var kinesis = KinesisLocal.shared();
        var stream = kinesis.uniqueStreamName("ship");
        kinesis.createStream(stream, 1);
        var log = dir.resolve("app.log");
        append(log, "k", 0, 300);
        var flow = new FlowConfig(log.toString(), Target.kinesis(stream), LineFormat.AUTO,
                InitialPosition.START_OF_FILE, Duration.ofMillis(50), PartitionKeyStrategy.RANDOM);
        var config = new ShipperConfig(dir.resolve("checkpoints.json"), null, "us-east-1", kinesis.endpoint(), null,
                List.of(flow), ShipperConfig.DEFAULT_MAX_LINE_BYTES, Duration.ofMillis(20), Duration.ofMillis(200),
                Duration.ZERO, List.of());

        var shipper = new Shipper(config);
        shipper.runOnce();

        var codec = new EventCodec();
        List<EcomEvent> events = RecordCodec.lines(kinesis.readAll(stream).stream().map(KinesisRecordData::data)
                .toList()).stream().map(codec::decode).toList();
        assertThat(messages(events)).containsExactlyInAnyOrderElementsOf(expected("k", 0, 300));
        assertThat(shipper.status()).contains("sent=300", "dropped=0");
    }
}
