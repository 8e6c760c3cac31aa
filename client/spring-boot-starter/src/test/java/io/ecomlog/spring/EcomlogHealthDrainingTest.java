package io.ecomlog.spring;

import io.ecomlog.event.LogRecord;
import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.record.EncodedEvent;
import io.ecomlog.transport.DeliveryReport;
import io.ecomlog.transport.Destination;
import io.ecomlog.transport.FailureKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** While a healthy destination works through what the spool holds, the health says "draining N MiB". */
class EcomlogHealthDrainingTest {

    @TempDir
    Path spool;

    /** Refuses everything while down; when up, takes events but holds each call until released. */
    private static final class Gate implements Destination {
        volatile boolean up;
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String name() {
            return "gate";
        }

        @Override
        public long maxEventBytes() {
            return 1 << 20;
        }

        @Override
        public DeliveryReport deliver(List<EncodedEvent> events) {
            if (!up) {
                return DeliveryReport.allFailed(events, FailureKind.NETWORK, new java.net.ConnectException("down"));
            }
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new DeliveryReport(events.size(), List.of(), 1, events.size(), 0, null);
        }
    }

    @Test
    void theHealthSaysDrainingWhileTheSpoolIsReplayedThenNoLonger() {
        var down = new Gate();
        try (var first = EcomlogClient.builder().destination(down).spoolDirectory(spool).shutdownHook(false)
                .linger(Duration.ofMillis(10)).recordTtl(Duration.ofMillis(10)).build()) {
            for (int i = 0; i < 200; i++) {
                first.log(LogRecord.builder("INFO", "spooled " + i).build());
            }
            assertThat(first.flush(Duration.ofSeconds(10))).isTrue();
        }

        var gate = new Gate();
        gate.up = true;
        try (var second = EcomlogClient.builder().destination(gate).spoolDirectory(spool).shutdownHook(false).build()) {
            var check = new EcomlogHealthCheck(second, new EcomlogProperties.Health());
            var draining = check.check(); // the replay call is held by the gate: the spool is still full
            assertThat(draining.status()).isEqualTo("UP");
            assertThat(draining.details().get("reasons").toString()).matches(".*gate: draining \\d+\\.\\d\\d MiB.*");
            assertThat(((Map<?, ?>) ((Map<?, ?>) draining.details().get("destinations")).get("gate")).get("spool"))
                    .asString().startsWith("draining ");

            gate.release.countDown();
            await().atMost(10, TimeUnit.SECONDS).until(() -> second.stats().destination("gate").spoolBytes() == 0);
            assertThat(check.check().details()).doesNotContainKey("reasons");
        }
    }
}
