package io.ecomlog.spring;

import io.ecomlog.event.EventType;
import io.ecomlog.event.LogRecord;
import io.ecomlog.metrics.EcomlogMeterBinder;
import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.pipeline.OverflowPolicy;
import io.ecomlog.pipeline.PartitionKeyStrategy;
import io.ecomlog.spring.web.EcomlogServletFilter;
import io.ecomlog.spring.web.EcomlogWebFluxFilter;
import io.ecomlog.testing.KinesisLocal;
import io.ecomlog.testing.LocalAws;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class EcomlogAutoConfigurationTest {

    /** Nothing may reach the internet: every client the starter builds points at a closed local port. */
    private static final String NOWHERE = "ecomlog.aws.endpoint=http://127.0.0.1:9";

    @TempDir
    Path tmp;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EcomlogAutoConfiguration.class))
                .withPropertyValues(NOWHERE, "ecomlog.aws.region=us-east-1", "ecomlog.linger=20ms");
    }

    @Test
    void createsTheClientFromPropertiesAndClosesItWithTheContext() {
        Path lake = tmp.resolve("lake");
        var client = new AtomicReference<EcomlogClient>();
        runner().withPropertyValues("ecomlog.local-lake.directory=" + lake, "ecomlog.producer-id=starter-test")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(EcomlogClient.class)
                            .hasSingleBean(EcomlogProperties.class)
                            .doesNotHaveBean(FilterRegistrationBean.class) // not a web application
                            .doesNotHaveBean(EcomlogWebFluxFilter.class);
                    client.set(context.getBean(EcomlogClient.class));
                    assertThat(shutdownHookOf(client.get())).as("core shutdown hook").isNull();
                    client.get().log(LogRecord.builder("INFO", "hello from spring").build());
                    assertThat(client.get().flush(Duration.ofSeconds(10))).isTrue();
                    var events = TestLake.read(lake);
                    assertThat(events).hasSize(1);
                    assertThat(events.get(0).eventType()).isEqualTo(EventType.LOG);
                    assertThat(context.getBean(EcomlogAwsClients.class).ownedClients()).isZero();
                });
        assertThat(client.get().isClosed()).as("closed with the context").isTrue();
        assertThat(TestLake.read(lake)).hasSize(1);
    }

    @Test
    void redactionPropertiesReachTheClient() {
        Path lake = tmp.resolve("lake");
        runner().withPropertyValues("ecomlog.local-lake.directory=" + lake, "ecomlog.redaction.emails=true")
                .run(context -> {
                    var client = context.getBean(EcomlogClient.class);
                    client.log(LogRecord.builder("WARN", "card 4111 1111 1111 1111 of jane@example.com").build());
                    assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
                    assertThat(client.stats().redactions()).isEqualTo(2);
                    var message = ((io.ecomlog.event.LogRecord) TestLake.read(lake).get(0).payload()).message();
                    assertThat(message).isEqualTo("card [card ****1111] of [email]");
                });
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnClient() {
        runner().withUserConfiguration(OwnClient.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(EcomlogClient.class)
                    .doesNotHaveBean(EcomlogAwsClients.class);
            assertThat(context.getBean(EcomlogClient.class)).isSameAs(context.getBean(OwnClient.class).client);
            // the health indicator still watches the application's client
            assertThat(context).hasBean("ecomlogHealthIndicator");
        });
    }

    @Test
    void isSwitchedOffByTheEnabledFlag() {
        runner().withPropertyValues("ecomlog.enabled=false").run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(EcomlogClient.class).doesNotHaveBean(EcomlogProperties.class)
                .doesNotHaveBean(HealthIndicator.class));
    }

    @Test
    void usesTheApplicationsKinesisClientAndNeverClosesIt() {
        var local = KinesisLocal.shared();
        String stream = local.uniqueStreamName("starter-app-client");
        local.createStream(stream);
        var appClient = new AtomicReference<KinesisClient>();
        // ecomlog.aws.endpoint points nowhere: events can only arrive through the application's client
        runner().withUserConfiguration(AppKinesisClient.class)
                .withPropertyValues("ecomlog.kinesis.stream=" + stream)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    appClient.set(context.getBean(KinesisClient.class));
                    var client = context.getBean(EcomlogClient.class);
                    client.log(LogRecord.builder("INFO", "via the application's client").build());
                    assertThat(client.flush(Duration.ofSeconds(20))).isTrue();
                    assertThat(client.stats().destination(client.destinationNames().get(0)).sent()).isEqualTo(1);
                    assertThat(context.getBean(EcomlogAwsClients.class).ownedClients()).isZero();
                });
        var events = TestLake.read(local.awaitRecords(stream, 1, Duration.ofSeconds(20)));
        assertThat(events).extracting(e -> ((LogRecord) e.payload()).message())
                .containsExactly("via the application's client");
        // still usable after the context closed: ecomlog did not close it
        assertThat(appClient.get().describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary()
                .streamName()).isEqualTo(stream);
        appClient.get().close();
    }

    @Test
    void buildsItsOwnKinesisClientFromPropertiesWhenTheApplicationHasNone() {
        var local = KinesisLocal.shared();
        String stream = local.uniqueStreamName("starter-own-client");
        local.createStream(stream);
        var aws = new AtomicReference<EcomlogAwsClients>();
        runner().withBean(AwsCredentialsProvider.class, () -> LocalAws.CREDENTIALS)
                .withPropertyValues("ecomlog.kinesis.stream=" + stream,
                        "ecomlog.aws.kinesis-endpoint=" + local.endpoint())
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(KinesisClient.class);
                    aws.set(context.getBean(EcomlogAwsClients.class));
                    assertThat(aws.get().ownedClients()).isEqualTo(1);
                    var client = context.getBean(EcomlogClient.class);
                    client.log(LogRecord.builder("INFO", "via ecomlog's own client").build());
                    assertThat(client.flush(Duration.ofSeconds(20))).isTrue();
                });
        assertThat(aws.get().ownedClients()).as("own SDK clients closed with the context").isZero();
        var events = TestLake.read(local.awaitRecords(stream, 1, Duration.ofSeconds(20)));
        assertThat(events).extracting(e -> ((LogRecord) e.payload()).message())
                .containsExactly("via ecomlog's own client");
    }

    @Test
    void bindsEverySetting() {
        runner().withPropertyValues(
                "ecomlog.local-lake.directory=" + tmp.resolve("lake"),
                "ecomlog.kinesis.record-size=50KB", "ecomlog.firehose.record-size=256KB",
                "ecomlog.s3-backup.prefix=bk", "ecomlog.spool.directory=" + tmp.resolve("spool"),
                "ecomlog.spool.max-size=10MB", "ecomlog.queue.capacity=1000", "ecomlog.queue.max-size=1MB",
                "ecomlog.queue.overflow-policy=drop-oldest", "ecomlog.queue.block-timeout=5ms",
                "ecomlog.batch-size=1MB", "ecomlog.gzip=true", "ecomlog.partition-key=session",
                "ecomlog.key-buckets=8", "ecomlog.record-ttl=30s", "ecomlog.retry.initial-backoff=50ms",
                "ecomlog.retry.max-backoff=2s", "ecomlog.breaker.window-calls=20", "ecomlog.breaker.minimum-calls=5",
                "ecomlog.breaker.failure-rate-percent=75", "ecomlog.breaker.open-duration=3s",
                "ecomlog.close-timeout=2s", "ecomlog.producer-id=p-1", "ecomlog.health.loss-status=out_of_service",
                "ecomlog.web.sample-rate=0.5", "ecomlog.web.exclude-paths=/health,/static/**")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(EcomlogClient.class);
                    var p = context.getBean(EcomlogProperties.class);
                    assertThat(p.getKinesis().getRecordSize()).isEqualTo(DataSize.ofKilobytes(50));
                    assertThat(p.getFirehose().getRecordSize()).isEqualTo(DataSize.ofKilobytes(256));
                    assertThat(p.getS3Backup().getPrefix()).isEqualTo("bk");
                    assertThat(p.getSpool().getDirectory()).isEqualTo(tmp.resolve("spool"));
                    assertThat(p.getSpool().getMaxSize()).isEqualTo(DataSize.ofMegabytes(10));
                    assertThat(p.getQueue().getCapacity()).isEqualTo(1000);
                    assertThat(p.getQueue().getMaxSize()).isEqualTo(DataSize.ofMegabytes(1));
                    assertThat(p.getQueue().getOverflowPolicy()).isEqualTo(OverflowPolicy.DROP_OLDEST);
                    assertThat(p.getQueue().getBlockTimeout()).isEqualTo(Duration.ofMillis(5));
                    assertThat(p.getBatchSize()).isEqualTo(DataSize.ofMegabytes(1));
                    assertThat(p.isGzip()).isTrue();
                    assertThat(p.getPartitionKey()).isEqualTo(PartitionKeyStrategy.SESSION);
                    assertThat(p.getKeyBuckets()).isEqualTo(8);
                    assertThat(p.getRecordTtl()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(p.getRetry().getInitialBackoff()).isEqualTo(Duration.ofMillis(50));
                    assertThat(p.getRetry().getMaxBackoff()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(p.getBreaker().getWindowCalls()).isEqualTo(20);
                    assertThat(p.getBreaker().getMinimumCalls()).isEqualTo(5);
                    assertThat(p.getBreaker().getFailureRatePercent()).isEqualTo(75f);
                    assertThat(p.getBreaker().getOpenDuration()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(p.getCloseTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(p.getProducerId()).isEqualTo("p-1");
                    assertThat(p.getWeb().getSampleRate()).isEqualTo(0.5);
                    assertThat(p.getWeb().getExcludePaths()).containsExactly("/health", "/static/**");
                    // the spool folder is opened per destination by the core when the client is built
                    assertThat(tmp.resolve("spool")).isDirectory();
                });
    }

    /** A setting the core refuses must not take the application down: the client is unavailable, health DOWN. */
    @Test
    void aSettingTheCoreRefusesLeavesTheApplicationRunningWithHealthDownAndItsReason() {
        runner().withPropertyValues("ecomlog.breaker.minimum-calls=0").run(context -> {
            assertThat(context).hasNotFailed();
            var client = context.getBean(EcomlogClient.class);
            assertThat(client.unavailableReason()).contains("circuit breaker needs 1 <= minimumCalls");
            assertThat(client.log(LogRecord.builder("INFO", "not taken").build())).isFalse();
            assertThat(client.stats().droppedTotal()).isEqualTo(1);
            var health = context.getBean("ecomlogHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("reasons").toString()).contains("circuit breaker needs 1 <= minimumCalls");
        });
        runner().withPropertyValues("ecomlog.retry.initial-backoff=2s", "ecomlog.retry.max-backoff=1s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(EcomlogClient.class).unavailableReason()).contains("retry max backoff");
                });
    }

    @Test
    void bindsMetersWhenTheApplicationHasAMeterRegistry() {
        runner().withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
                .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("ecomlog.local-lake.directory=" + tmp.resolve("lake"))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(EcomlogMeterBinder.class);
                    var registry = context.getBean(MeterRegistry.class);
                    var client = context.getBean(EcomlogClient.class);
                    client.log(LogRecord.builder("INFO", "counted").build());
                    assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
                    assertThat(registry.get("ecomlog.events.accepted").functionCounter().count()).isEqualTo(1.0);
                    assertThat(registry.get("ecomlog.events.sent").functionCounter().count()).isEqualTo(1.0);
                    assertThat(registry.get("ecomlog.breaker.open").gauge().value()).isZero();
                    assertThat(context).doesNotHaveBean("ecomlogMeterBinding"); // the actuator binds it
                });
    }

    @Test
    void bindsMetersToARegistryBeanEvenWithoutTheActuatorsMetricsAutoConfiguration() {
        runner().withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("ecomlog.local-lake.directory=" + tmp.resolve("lake"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    var registry = context.getBean(MeterRegistry.class);
                    context.getBean(EcomlogClient.class).log(LogRecord.builder("INFO", "counted").build());
                    assertThat(registry.get("ecomlog.events.accepted").functionCounter().count()).isEqualTo(1.0);
                    assertThat(registry.find("ecomlog.events.sent").functionCounters()).hasSize(1);
                });
    }

    @Test
    void noMetersWithoutARegistryOrWithoutMicrometer() {
        runner().run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(EcomlogMeterBinder.class));
        runner().withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(EcomlogMeterBinder.class));
    }

    @Test
    void healthIndicatorIsUpAndCanBeSwitchedOff() {
        runner().withPropertyValues("ecomlog.local-lake.directory=" + tmp.resolve("lake")).run(context -> {
            var health = context.getBean("ecomlogHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsKeys("accepted", "dropped", "destinations", "queuedEvents");
        });
        runner().withPropertyValues("management.health.ecomlog.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(HealthIndicator.class));
        runner().withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(EcomlogClient.class)
                        .doesNotHaveBean("ecomlogHealthIndicator"));
    }

    @Test
    void servletFilterOnlyInServletWebApplicationsAndUnlessDisabled() {
        var web = new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EcomlogAutoConfiguration.class))
                .withPropertyValues(NOWHERE, "ecomlog.local-lake.directory=" + tmp.resolve("lake"));
        web.run(context -> {
            assertThat(context).hasNotFailed().hasBean("ecomlogServletFilter");
            var registration = context.getBean("ecomlogServletFilter", FilterRegistrationBean.class);
            assertThat(registration.getFilter()).isInstanceOf(EcomlogServletFilter.class);
            assertThat(registration.getOrder()).isEqualTo(-110);
        });
        web.withPropertyValues("ecomlog.web.filter-order=-90").run(context -> assertThat(
                context.getBean("ecomlogServletFilter", FilterRegistrationBean.class).getOrder()).isEqualTo(-90));
        web.withPropertyValues("ecomlog.web.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("ecomlogServletFilter"));
    }

    private static Object shutdownHookOf(EcomlogClient client) throws ReflectiveOperationException {
        Field f = EcomlogClient.class.getDeclaredField("shutdownHook");
        f.setAccessible(true);
        return f.get(client);
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnClient {
        final EcomlogClient client = EcomlogClient.builder().shutdownHook(false)
                .localLake(Path.of("target", "own-client-lake")).build();

        @Bean
        EcomlogClient myEcomlogClient() {
            return client;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class AppKinesisClient {
        /** The application's client: its own life cycle, not closed by Spring here, so the test can check it. */
        @Bean(destroyMethod = "")
        KinesisClient kinesisClient() {
            return KinesisLocal.shared().newClient(LocalAws.noRetries());
        }
    }
}
