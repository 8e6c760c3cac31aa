package io.ecomlog.spring;

import io.ecomlog.event.LogRecord;
import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.testing.KinesisFaultStub;
import io.ecomlog.testing.LocalAws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code ecomlog} health indicator against a real outage: the application's KinesisClient goes through the
 * fault stub in front of kinesis-local, whose PutRecords answers HTTP 500 for the stream while it is "out".
 */
class EcomlogHealthOutageTest {

    @TempDir
    Path tmp;

    private ApplicationContextRunner runner(String stream) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EcomlogAutoConfiguration.class))
                .withUserConfiguration(StubbedKinesis.class)
                .withPropertyValues("ecomlog.aws.endpoint=http://127.0.0.1:9", "ecomlog.aws.region=us-east-1",
                        "ecomlog.kinesis.stream=" + stream, "ecomlog.linger=20ms", "ecomlog.record-ttl=300ms",
                        "ecomlog.retry.initial-backoff=10ms", "ecomlog.retry.max-backoff=50ms",
                        "ecomlog.breaker.window-calls=2", "ecomlog.breaker.minimum-calls=2",
                        "ecomlog.breaker.open-duration=300ms", "ecomlog.close-timeout=2s");
    }

    @Test
    void degradedWhileTheStreamIsDownAndEventsAreSpooledThenUpAgain() {
        var stub = KinesisFaultStub.shared();
        String stream = stub.kinesisLocal().uniqueStreamName("starter-health-spool");
        stub.kinesisLocal().createStream(stream);
        runner(stream).withPropertyValues("ecomlog.spool.directory=" + tmp.resolve("spool")).run(context -> {
            assertThat(context).hasNotFailed();
            var client = context.getBean(EcomlogClient.class);
            var indicator = context.getBean("ecomlogHealthIndicator", HealthIndicator.class);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

            stub.faults().outage(stream);
            try {
                Health degraded = awaitStatus(client, indicator, "DEGRADED");
                assertThat(reasons(degraded)).anySatisfy(r -> assertThat(r).containsAnyOf("circuit breaker",
                        "spooled to disk"));
                assertThat(destination(degraded, client)).containsKeys("breaker", "spooled", "spoolBytes");
            } finally {
                stub.faults().heal(stream);
            }
            Health up = awaitStatus(client, indicator, "UP");
            assertThat(destination(up, client).get("breaker")).isEqualTo("CLOSED");
            assertThat(((Map<?, ?>) up.getDetails().get("droppedSinceLastCheck"))).isEmpty();
        });
    }

    @Test
    void downWhenEventsAreDroppedForLackOfBackupAndSpoolThenUpAgain() {
        var stub = KinesisFaultStub.shared();
        String stream = stub.kinesisLocal().uniqueStreamName("starter-health-drop");
        stub.kinesisLocal().createStream(stream);
        runner(stream).withPropertyValues("ecomlog.spool.enabled=false").run(context -> {
            var client = context.getBean(EcomlogClient.class);
            var indicator = context.getBean("ecomlogHealthIndicator", HealthIndicator.class);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            stub.faults().outage(stream);
            try {
                Health down = awaitStatus(client, indicator, "DOWN");
                assertThat(reasons(down)).anySatisfy(r -> assertThat(r).startsWith("events dropped since last check"));
                assertThat((Map<?, ?>) down.getDetails().get("droppedSinceLastCheck")).isNotEmpty();
            } finally {
                stub.faults().heal(stream);
            }
            awaitStatus(client, indicator, "UP");
        });
    }

    /** Keeps sending events (a breaker only closes again after a successful call) until the status is reached. */
    private static Health awaitStatus(EcomlogClient client, HealthIndicator indicator, String status) {
        return await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(150))
                .until(() -> {
                    client.log(LogRecord.builder("INFO", "probe").build());
                    return indicator.health();
                }, h -> h.getStatus().getCode().equals(status));
    }

    @SuppressWarnings("unchecked")
    private static List<String> reasons(Health health) {
        return (List<String>) health.getDetails().get("reasons");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> destination(Health health, EcomlogClient client) {
        var destinations = (Map<String, Object>) health.getDetails().get("destinations");
        return (Map<String, Object>) destinations.get(client.destinationNames().get(0));
    }

    @Configuration(proxyBeanMethods = false)
    static class StubbedKinesis {
        @Bean(destroyMethod = "close")
        KinesisClient kinesisClient() {
            return KinesisFaultStub.shared().newClient(LocalAws.noRetries());
        }
    }
}
