package io.ecomlog.shipper;

import io.ecomlog.testing.KinesisLocal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static io.ecomlog.shipper.ShipperFixtures.append;
import static io.ecomlog.shipper.ShipperFixtures.expected;
import static io.ecomlog.shipper.ShipperFixtures.kinesisConfig;
import static io.ecomlog.shipper.ShipperFixtures.messages;
import static io.ecomlog.shipper.ShipperFixtures.streamEvents;
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
        var config = kinesisConfig(dir, log, kinesis.endpoint(), stream);
        try (var running = new ShipperFixtures.Running(config)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> running.counters().rewinds() >= 1);
            assertThat(running.counters().commits()).isZero();
            kinesis.createStream(stream, 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> running.counters().commits() >= 1);
            running.stop();
        }
        assertThat(messages(streamEvents(kinesis, stream))).containsExactlyInAnyOrderElementsOf(expected("u", 0, 50));
    }
}
