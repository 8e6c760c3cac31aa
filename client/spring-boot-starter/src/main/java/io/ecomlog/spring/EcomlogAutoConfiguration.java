package io.ecomlog.spring;

import io.ecomlog.metrics.DeliveryListener;
import io.ecomlog.metrics.EcomlogMeterBinder;
import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.pipeline.PiiRedactor;
import io.ecomlog.resilience.BreakerSettings;
import io.ecomlog.spool.SpoolLocation;
import io.ecomlog.spring.web.EcomlogServletFilter;
import io.ecomlog.spring.web.EcomlogWebFluxFilter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Auto-configuration of an {@link EcomlogClient} from the {@code ecomlog.*} properties ({@link EcomlogProperties}).
 * Backs off when the application defines its own {@code EcomlogClient}; {@code ecomlog.enabled=false} switches all of
 * it off. The client is closed (within {@code ecomlog.close-timeout}) when the application context closes, after
 * the web server stopped and the beans that use it were destroyed; the core's own JVM shutdown hook is not
 * registered, since Spring's shutdown hook closes the context.
 *
 * <p>Works on Spring Boot 3.5 and 4.0. With Micrometer and a {@code MeterRegistry} bean, the client's meters are
 * bound ({@link EcomlogMeterBinder}); with the actuator, an {@code ecomlog} health indicator is added
 * ({@link EcomlogHealthIndicator} on Boot 3, {@link EcomlogBoot4HealthIndicator} on Boot 4); in a servlet web
 * application, requests and unhandled exceptions are logged ({@link EcomlogServletFilter}; in a WebFlux application
 * {@link EcomlogWebFluxFilter}).
 */
@AutoConfiguration(afterName = {
        // Spring Boot 3
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
        // Spring Boot 4
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(EcomlogClient.class)
@ConditionalOnProperty(prefix = "ecomlog", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(EcomlogProperties.class)
public class EcomlogAutoConfiguration {

    static final String BOOT3_HEALTH_INDICATOR = "org.springframework.boot.actuate.health.HealthIndicator";
    static final String BOOT4_HEALTH_INDICATOR = "org.springframework.boot.health.contributor.HealthIndicator";

    /** The client and the SDK clients it may build; only when the application has no EcomlogClient of its own. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(EcomlogClient.class)
    static class ClientConfiguration {

        @Bean(destroyMethod = "close")
        EcomlogAwsClients ecomlogAwsClients(EcomlogProperties properties, ObjectProvider<KinesisClient> kinesis,
                                            ObjectProvider<FirehoseClient> firehose, ObjectProvider<S3Client> s3,
                                            ObjectProvider<AwsCredentialsProvider> credentials) {
            return new EcomlogAwsClients(properties.getAws(), kinesis, firehose, s3, credentials);
        }

        /** Closed by {@code close()}, which keeps {@code ecomlog.close-timeout}, when the context closes. */
        /**
         * Whatever goes wrong while building the client (a wrong setting, a library version clash surfacing as a
         * LinkageError) is logged and leaves an {@linkplain EcomlogClient#unavailable unavailable} client, which the
         * health indicator reports DOWN: the application starts anyway.
         */
        @Bean(destroyMethod = "close")
        EcomlogClient ecomlogClient(EcomlogProperties properties, EcomlogAwsClients aws,
                                    ObjectProvider<DeliveryListener> listener,
                                    ObjectProvider<EcomlogClientBuilderCustomizer> customizers,
                                    org.springframework.core.env.Environment environment) {
            try {
                var builder = builder(properties, aws, listener.getIfUnique(LoggingDeliveryListener::new),
                        environment.getProperty("spring.application.name"));
                customizers.orderedStream().forEach(c -> c.customize(builder));
                return builder.build();
            } catch (RuntimeException | LinkageError e) {
                LogFactory.getLog(EcomlogAutoConfiguration.class).error("ecomlog: the client could not be built;"
                        + " events are dropped (counted) and the ecomlog health is DOWN: " + e, e);
                return EcomlogClient.unavailable("the client could not be built: " + e);
            }
        }

        static EcomlogClient.Builder builder(EcomlogProperties p, EcomlogAwsClients aws, DeliveryListener listener,
                                             String applicationName) {
            var b = EcomlogClient.builder()
                    .listener(listener)
                    .shutdownHook(false) // Spring's shutdown hook closes the context, and the context the client
                    .closeTimeout(p.getCloseTimeout());
            if (hasText(p.getKinesis().getStream())) {
                b.kinesis(aws.kinesis(), p.getKinesis().getStream().trim());
            }
            if (hasText(p.getFirehose().getStream())) {
                b.firehose(aws.firehose(), p.getFirehose().getStream().trim());
            }
            if (p.getLocalLake().getDirectory() != null) {
                b.localLake(p.getLocalLake().getDirectory());
            }
            if (hasText(p.getS3Backup().getBucket())) {
                String prefix = p.getS3Backup().getPrefix();
                b.s3Backup(aws.s3(), p.getS3Backup().getBucket().trim(), prefix == null ? "" : prefix.trim());
            }
            if (p.getSpool().isEnabled()) {
                b.spoolDirectory(p.getSpool().getDirectory() != null ? p.getSpool().getDirectory()
                        : SpoolLocation.defaultFor(hasText(applicationName) ? applicationName : "application",
                                hasText(p.getProducerId()) ? p.getProducerId().trim() : null));
            }
            b.spoolMaxBytes(p.getSpool().getMaxSize().toBytes())
                    .spoolSegmentBytes(p.getSpool().getSegmentSize().toBytes())
                    .replaySharePercent(p.getSpool().getReplaySharePercent())
                    .queueCapacity(p.getQueue().getCapacity())
                    .queueMaxBytes(p.getQueue().getMaxSize().toBytes())
                    .overflowPolicy(p.getQueue().getOverflowPolicy())
                    .blockTimeout(p.getQueue().getBlockTimeout())
                    .linger(p.getLinger())
                    .batchBytes(p.getBatchSize().toBytes())
                    .channelMaxBytes(p.getChannelMaxSize().toBytes())
                    .kinesisRecordBytes(intBytes(p.getKinesis().getRecordSize().toBytes(), "kinesis.record-size"))
                    .firehoseRecordBytes(intBytes(p.getFirehose().getRecordSize().toBytes(), "firehose.record-size"))
                    .gzip(p.isGzip())
                    .partitionKey(p.getPartitionKey())
                    .keyBuckets(p.getKeyBuckets())
                    .recordTtl(p.getRecordTtl())
                    .retryBackoff(p.getRetry().getInitialBackoff(), p.getRetry().getMaxBackoff())
                    .circuitBreaker(new BreakerSettings(p.getBreaker().getWindowCalls(),
                            p.getBreaker().getMinimumCalls(), p.getBreaker().getFailureRatePercent(),
                            p.getBreaker().getOpenDuration()))
                    .redaction(PiiRedactor.of(p.getRedaction().isCards(), p.getRedaction().isEmails(),
                            p.getRedaction().isTruncateIps()));
            if (hasText(p.getProducerId())) {
                b.producerId(p.getProducerId().trim());
            }
            return b;
        }

        private static int intBytes(long bytes, String what) {
            if (bytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("ecomlog." + what + " is too large: " + bytes + " bytes");
            }
            return (int) bytes;
        }

        private static boolean hasText(String s) {
            return s != null && !s.isBlank();
        }
    }

    /**
     * Micrometer: the application's registries get the client's meters. With the actuator's metrics
     * auto-configuration, its MeterRegistryPostProcessor binds the {@code MeterBinder} bean to every registry; without
     * it (a registry bean but no actuator), the binder is bound here to each {@code MeterRegistry} bean.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        EcomlogMeterBinder ecomlogMeterBinder(EcomlogClient client) {
            return new EcomlogMeterBinder(client::stats, client.destinationNames());
        }

        @Bean
        @ConditionalOnMissingBean(name = "meterRegistryPostProcessor")
        SmartInitializingSingleton ecomlogMeterBinding(EcomlogMeterBinder binder,
                                                       ObjectProvider<MeterRegistry> registries) {
            return () -> registries.orderedStream().forEach(binder::bindTo);
        }
    }

    /**
     * Actuator on Spring Boot 3: the {@code ecomlog} health indicator (management.health.ecomlog.enabled). The health
     * API moved in Spring Boot 4, hence one configuration per line, chosen by the classes present (a plain property
     * condition, since the health conditions moved too).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = BOOT3_HEALTH_INDICATOR)
    @ConditionalOnMissingClass(BOOT4_HEALTH_INDICATOR)
    @ConditionalOnProperty(prefix = "management.health.ecomlog", name = "enabled", matchIfMissing = true)
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "ecomlogHealthIndicator")
        EcomlogHealthIndicator ecomlogHealthIndicator(EcomlogClient client, EcomlogProperties properties) {
            return new EcomlogHealthIndicator(client, properties.getHealth());
        }
    }

    /** Actuator on Spring Boot 4: the same indicator on the health API of {@code spring-boot-health}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = BOOT4_HEALTH_INDICATOR)
    @ConditionalOnProperty(prefix = "management.health.ecomlog", name = "enabled", matchIfMissing = true)
    static class Boot4HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "ecomlogHealthIndicator")
        EcomlogBoot4HealthIndicator ecomlogHealthIndicator(EcomlogClient client, EcomlogProperties properties) {
            return new EcomlogBoot4HealthIndicator(client, properties.getHealth());
        }
    }

    /** Servlet web applications: http_access per request, app_error per unhandled exception (ecomlog.web.*). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass({jakarta.servlet.Filter.class, org.springframework.web.filter.OncePerRequestFilter.class})
    @ConditionalOnProperty(prefix = "ecomlog.web", name = "enabled", havingValue = "true", matchIfMissing = true)
    static class ServletWebConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "ecomlogServletFilter")
        FilterRegistrationBean<EcomlogServletFilter> ecomlogServletFilter(EcomlogClient client,
                                                                          EcomlogProperties properties) {
            var registration = new FilterRegistrationBean<>(
                    new EcomlogServletFilter(client::track, properties.getWeb()));
            registration.setName("ecomlogServletFilter");
            registration.setOrder(properties.getWeb().getFilterOrder());
            registration.setAsyncSupported(true);
            return registration;
        }
    }

    /** WebFlux applications: the same events from a WebFilter (ecomlog.web.*). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(name = "org.springframework.web.server.WebFilter")
    @ConditionalOnProperty(prefix = "ecomlog.web", name = "enabled", havingValue = "true", matchIfMissing = true)
    static class ReactiveWebConfiguration {

        @Bean
        @ConditionalOnMissingBean
        EcomlogWebFluxFilter ecomlogWebFluxFilter(EcomlogClient client, EcomlogProperties properties) {
            return new EcomlogWebFluxFilter(client::track, properties.getWeb());
        }
    }

    /** Delivery warnings of the client go to commons-logging (Spring's logging), under {@code io.ecomlog.spring}. */
    static final class LoggingDeliveryListener implements DeliveryListener {
        private static final Log LOG = LogFactory.getLog("io.ecomlog.spring.EcomlogClient");

        @Override
        public void warn(String message, Throwable cause) {
            LOG.warn(message, cause);
        }

        @Override
        public void info(String message) {
            LOG.debug(message);
        }
    }
}
