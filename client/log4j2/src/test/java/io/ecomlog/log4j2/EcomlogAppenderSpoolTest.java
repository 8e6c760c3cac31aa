package io.ecomlog.log4j2;

import io.ecomlog.event.LogRecord;
import io.ecomlog.testing.KinesisFaultStub;
import io.ecomlog.testing.OutageMode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At default spool settings: what a run could not send before it stopped is in the default spool, and the next start
 * replays it without anything being logged.
 */
class EcomlogAppenderSpoolTest {

    @Test
    void whatAStoppedRunLeftIsReplayedByTheNextStartWithoutALogLine() {
        Log4j2Configs.useTestProfile();
        var stub = KinesisFaultStub.shared();
        String stream = stub.kinesisLocal().uniqueStreamName("log4j2-spool");
        stub.kinesisLocal().createStream(stream);
        System.setProperty("KINESIS_STREAM", stream);
        System.setProperty("KINESIS_PROXY_ENDPOINT", stub.endpoint().toString());

        stub.faults().outage(stream, OutageMode.CONNECTION_RESET);
        try {
            var first = Log4j2Configs.start("/log4j2-test-spool.xml");
            var logger = first.getLogger("shop.Orders");
            IntStream.range(0, 20).forEach(i -> logger.info("order {}", i));
            first.stop(); // the stream is down: everything goes to the default spool
        } finally {
            stub.faults().heal(stream);
        }
        assertThat(stub.kinesisLocal().readAll(stream)).isEmpty();

        var second = Log4j2Configs.start("/log4j2-test-spool.xml"); // logs nothing
        try {
            var events = Log4j2Configs.decode(stub.kinesisLocal().awaitRecords(stream, 1, Duration.ofSeconds(30))
                    .stream().map(r -> r.data()).toList());
            assertThat(events).extracting(e -> ((LogRecord) e.payload()).message())
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 20).mapToObj(i -> "order " + i).toList());
        } finally {
            second.stop();
        }
    }
}
