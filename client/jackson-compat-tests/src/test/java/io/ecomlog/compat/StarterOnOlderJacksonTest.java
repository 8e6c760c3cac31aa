package io.ecomlog.compat;

import io.ecomlog.event.LogRecord;
import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.spring.EcomlogAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The starter builds its client, reports UP and delivers on an older Jackson. */
class StarterOnOlderJacksonTest {

    @TempDir
    Path tmp;

    @Test
    void theStarterStartsReportsUpAndDelivers() {
        CompatSupport.assertJacksonOnClassPath();
        Path lake = tmp.resolve("lake");
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EcomlogAutoConfiguration.class))
                .withPropertyValues("ecomlog.local-lake.directory=" + lake, "ecomlog.linger=20ms",
                        "ecomlog.spool.directory=" + tmp.resolve("spool"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    var client = context.getBean(EcomlogClient.class);
                    assertThat(client.unavailableReason()).isNull();
                    client.log(LogRecord.builder("INFO", CompatSupport.MESSAGE).build());
                    assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
                    var health = context.getBean("ecomlogHealthIndicator", HealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                });
        assertThat(CompatSupport.messages(CompatSupport.lake(lake))).containsExactly(CompatSupport.MESSAGE);
    }
}
