package io.ecomlog.spring.boot4;

import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.LogRecord;
import io.ecomlog.metrics.EcomlogMeterBinder;
import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.spring.EcomlogAutoConfiguration;
import io.ecomlog.spring.EcomlogBoot4HealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The starter's context behaviour on Spring Boot 4: client, delivery, health (Boot 4 API), metrics, servlet filter. */
class StarterOnSpringBoot4Test {

    @TempDir
    Path tmp;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EcomlogAutoConfiguration.class))
                .withPropertyValues("ecomlog.local-lake.directory=" + tmp.resolve("lake"), "ecomlog.linger=20ms",
                        "ecomlog.spool.directory=" + tmp.resolve("spool"));
    }

    @Test
    void runsOnSpringBoot4() {
        assertThat(SpringBootVersion.getVersion()).startsWith("4.0.");
    }

    @Test
    void buildsTheClientDeliversAndReportsUpThroughTheBoot4HealthApi() throws IOException {
        runner().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(EcomlogClient.class)
                    .hasSingleBean(EcomlogBoot4HealthIndicator.class);
            var client = context.getBean(EcomlogClient.class);
            client.log(LogRecord.builder("INFO", "hello from boot 4").build());
            assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
            var health = context.getBean("ecomlogHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsKeys("accepted", "destinations");
        });
        assertThat(messagesInLake()).containsExactly("hello from boot 4");
    }

    @Test
    void aSettingTheCoreRefusesLeavesTheApplicationRunningWithHealthDown() {
        runner().withPropertyValues("ecomlog.breaker.minimum-calls=0").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(EcomlogClient.class).unavailableReason()).contains("minimumCalls");
            var health = context.getBean("ecomlogHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    void bindsItsMetersToTheApplicationsRegistry() {
        runner().withUserConfiguration(Registry.class).run(context -> {
            assertThat(context).hasSingleBean(EcomlogMeterBinder.class);
            var registry = context.getBean(MeterRegistry.class);
            assertThat(registry.getMeters()).anySatisfy(m -> assertThat(m.getId().getName()).startsWith("ecomlog."));
        });
    }

    @Test
    void registersTheRequestFilterInAServletApplication() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EcomlogAutoConfiguration.class))
                .withPropertyValues("ecomlog.local-lake.directory=" + tmp.resolve("lake"),
                        "ecomlog.spool.directory=" + tmp.resolve("spool"))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasBean("ecomlogServletFilter");
                    assertThat(context.getBean("ecomlogServletFilter")).isInstanceOf(FilterRegistrationBean.class);
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    private List<String> messagesInLake() throws IOException {
        var codec = new EventCodec();
        var messages = new ArrayList<String>();
        try (var files = Files.walk(tmp.resolve("lake"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ndjson.gz")).toList()) {
                for (byte[] line : RecordCodec.lines(Files.readAllBytes(f))) {
                    messages.add(((LogRecord) codec.decode(line).payload()).message());
                }
            }
        }
        return messages;
    }
}
