package io.ecomlog.metrics;

import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.pipeline.OverflowPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class EcomlogMeterBinderTest {

    @TempDir
    Path dir;

    @Test
    void metersFollowTheClientsCounters() {
        var registry = new SimpleMeterRegistry();
        try (var client = EcomlogClient.builder().localLake(dir.resolve("lake")).producerId("test")
                .shutdownHook(false).overflowPolicy(OverflowPolicy.DROP_NEWEST).build()) {
            new EcomlogMeterBinder(client::stats, client.destinationNames()).bindTo(registry);
            var destination = client.destinationNames().get(0);
            for (int i = 0; i < 10; i++) {
                client.submitJson(("{\"event_id\":\"e" + i + "\",\"event_type\":\"log\",\"message\":\"m\"}")
                        .getBytes(StandardCharsets.UTF_8));
            }
            client.submitJson("not json".getBytes(StandardCharsets.UTF_8));
            assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
            System.gc(); // the binder and the client::stats it was given are garbage now: the meters must still read

            assertThat(registry.get("ecomlog.events.accepted").functionCounter().count()).isEqualTo(11);
            assertThat(registry.get("ecomlog.events.sent").tag("destination", destination).functionCounter().count())
                    .isEqualTo(10);
            assertThat(registry.get("ecomlog.events.dropped").tag("reason", "malformed").functionCounter().count())
                    .isEqualTo(1);
            assertThat(registry.get("ecomlog.breaker.open").tag("destination", destination).gauge().value())
                    .isZero();
            assertThat(registry.get("ecomlog.queue.events").gauge().value()).isZero();
        }
    }
}
