package io.ecomlog.backend.opensearch;

import io.ecomlog.deployment.ConfigException;
import io.ecomlog.deployment.EnvConfig;
import org.junit.jupiter.api.Test;
import org.opensearch.client.transport.aws.AwsSdk2Transport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndexerConfigTest {

    private static final Map<String, String> MINIMAL = Map.of(
            "OPENSEARCH_ENDPOINT", "https://search-shop-abc.us-east-1.es.amazonaws.com",
            "AWS_REGION", "us-east-1",
            "DEAD_LETTER_BUCKET", "shop-dead-letters");

    private static IndexerConfig config(Map<String, String> overrides) {
        var env = new HashMap<>(MINIMAL);
        env.putAll(overrides);
        return IndexerConfig.from(new EnvConfig(env));
    }

    @Test
    void defaults() {
        var config = config(Map.of());

        assertThat(config.auth()).isEqualTo(IndexerConfig.Auth.SIGV4);
        assertThat(config.signingService()).isEqualTo("es");
        assertThat(config.indexPrefix()).isEqualTo("ecomlog");
        assertThat(config.replicas()).isEqualTo(1);
        assertThat(config.retentionDays()).isEqualTo(30);
        assertThat(config.setup()).isTrue();
        assertThat(config.deadLetterPrefix()).isEqualTo("opensearch-dead-letter/");
        assertThat(config.bulk()).isEqualTo(new BulkSettings(1_000, 5 << 20, 5, Duration.ofMillis(200),
                Duration.ofSeconds(5)));
    }

    @Test
    void badValuesFailTheColdStartNamingTheVariable() {
        assertThatThrownBy(() -> IndexerConfig.from(new EnvConfig(Map.of("DEAD_LETTER_BUCKET", "b"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("OPENSEARCH_ENDPOINT");
        assertThatThrownBy(() -> config(Map.of("OPENSEARCH_AUTH", "basic")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("OPENSEARCH_AUTH");
        assertThatThrownBy(() -> config(Map.of("OPENSEARCH_SIGNING_SERVICE", "s3")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("OPENSEARCH_SIGNING_SERVICE");
        assertThatThrownBy(() -> config(Map.of("INDEX_PREFIX", "Shop")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("INDEX_PREFIX");
        assertThatThrownBy(() -> config(Map.of("BULK_MAX_DOCUMENTS", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BULK_MAX_DOCUMENTS");
        assertThatThrownBy(() -> config(Map.of("RETENTION_DAYS", "forever")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("RETENTION_DAYS");
        assertThatThrownBy(() -> config(Map.of("OPENSEARCH_ENDPOINT", "search-shop.es.amazonaws.com")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("OPENSEARCH_ENDPOINT");
        var noBucket = new HashMap<>(MINIMAL);
        noBucket.remove("DEAD_LETTER_BUCKET");
        assertThatThrownBy(() -> IndexerConfig.from(new EnvConfig(noBucket)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DEAD_LETTER_BUCKET");
    }

    @Test
    void sigV4UsesTheClientsAwsSdkTransportAndNoneThePlainOneWithoutACall() {
        var sigv4 = OpenSearchClients.transport(config(Map.of("OPENSEARCH_SIGNING_SERVICE", "aoss")), null);
        var plain = OpenSearchClients.transport(config(Map.of("OPENSEARCH_AUTH", "none",
                "OPENSEARCH_ENDPOINT", "http://127.0.0.1:9")), null);

        assertThat(sigv4).isInstanceOf(AwsSdk2Transport.class);
        assertThat(plain).isInstanceOf(ApacheHttpClient5Transport.class);
    }

    @Test
    void backoffDoublesWithJitterAndStaysUnderItsCap() {
        var bulk = new BulkSettings(10, 1 << 20, 5, Duration.ofMillis(100), Duration.ofMillis(1_000));

        assertThat(bulk.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(50));
        assertThat(bulk.backoff(1, 1.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(bulk.backoff(3, 1.0)).isEqualTo(Duration.ofMillis(400));
        assertThat(bulk.backoff(10, 1.0)).isEqualTo(Duration.ofMillis(1_000));
        assertThat(bulk.backoff(40, 0.5)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1_000));
    }
}
