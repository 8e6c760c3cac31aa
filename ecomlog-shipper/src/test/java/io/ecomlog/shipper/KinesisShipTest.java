package io.ecomlog.shipper;

import io.ecomlog.testing.KinesisLocal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.ecomlog.shipper.ShipperFixtures.append;
import static io.ecomlog.shipper.ShipperFixtures.expected;
import static io.ecomlog.shipper.ShipperFixtures.kinesisConfig;
import static io.ecomlog.shipper.ShipperFixtures.messages;
import static io.ecomlog.shipper.ShipperFixtures.streamEvents;
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

        var shipper = new Shipper(kinesisConfig(dir, log, kinesis.endpoint(), stream));
        shipper.runOnce();

        assertThat(messages(streamEvents(kinesis, stream))).containsExactlyInAnyOrderElementsOf(expected("k", 0, 300));
        assertThat(shipper.status()).contains("sent=300", "dropped=0");
    }
}
