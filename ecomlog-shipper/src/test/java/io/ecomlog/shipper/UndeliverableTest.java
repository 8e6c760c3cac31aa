package io.ecomlog.shipper;

import io.ecomlog.codec.EventCodec;
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
import static org.awaitility.Awaitility.await;

/**
 * With no spool, events the client cannot deliver anywhere are dropped as undeliverable; the shipper does not
 * checkpoint past them but reads them again until the destination takes them.
 */
class UndeliverableTest {

    @TempDir
    Path dir;

    @Test
    void linesTheClientCouldNotDeliverAreReadAgainUntilTheStreamTakesThem() throws Exception {
        var kinesis = KinesisLocal.shared();
        var stream = kinesis.uniqueStreamName("later"); // not created yet: every call fails
        var log = dir.resolve("app.log");
        append(log, "u", 0, 50);
        var flow = new FlowConfig(log.toString(), Target.kinesis(stream), LineFormat.AUTO,
                InitialPosition.START_OF_FILE, Duration.ofMillis(20), PartitionKeyStrategy.RANDOM);
        var config = new ShipperConfig(dir.resolve("checkpoints.json"), null, "us-east-1", kinesis.endpoint(), null,
                List.of(flow), ShipperConfig.DEFAULT_MAX_LINE_BYTES, Duration.ofMillis(20), Duration.ofMillis(200),
                Duration.ZERO, List.of());
        try (var running = new ShipperFixtures.Running(config)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> running.counters().rewinds() >= 1);
            assertThat(running.counters().commits()).isZero();
            kinesis.createStream(stream, 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> running.counters().commits() >= 1);
            running.stop();
        }
        var codec = new EventCodec();
        var events = RecordCodec.lines(kinesis.readAll(stream).stream().map(KinesisRecordData::data).toList())
                .stream().map(codec::decode).toList();
        assertThat(messages(events)).containsExactlyInAnyOrderElementsOf(expected("u", 0, 50));
    }
}
