package io.ecomlog.backend.opensearch;

import io.ecomlog.applog.StructuredLog;
import io.ecomlog.deployment.EnvConfig;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.util.function.Supplier;

/**
 * Builds the handlers' {@link EventIndexer} from the environment: Lambda's no-argument constructors, and, with the
 * clients given, the same code wired outside Lambda (local mode, the stack's tests).
 */
public final class Indexers {

    private Indexers() {
    }

    static EventIndexer fromEnvironment() {
        return from(EnvConfig.fromSystem());
    }

    static EventIndexer from(EnvConfig env) {
        IndexerConfig config = IndexerConfig.from(env);
        return new EventIndexer(config, OpenSearchClients.create(config), new Memoized<>(() -> s3(config)),
                BulkIndexer.Sleeper.REAL,
                new StructuredLog("opensearch-indexer"));
    }

    /**
     * Configured from {@code env} as in Lambda, with SigV4-signed requests sent through {@code openSearchHttp} (with
     * {@code OPENSEARCH_AUTH=none} it is not used) and S3 reached through {@code s3}.
     */
    public static EventIndexer from(EnvConfig env, SdkHttpClient openSearchHttp, S3Client s3) {
        IndexerConfig config = IndexerConfig.from(env);
        return new EventIndexer(config, OpenSearchClients.create(config, openSearchHttp), () -> s3,
                BulkIndexer.Sleeper.REAL, new StructuredLog("opensearch-indexer"));
    }

    /** A value made on the first {@link #get()}, then kept. */
    static final class Memoized<T> implements Supplier<T> {
        private final Supplier<T> make;
        private T value;

        Memoized(Supplier<T> make) {
            this.make = make;
        }

        @Override
        public synchronized T get() {
            if (value == null) {
                value = make.get();
            }
            return value;
        }
    }

    static S3Client s3(IndexerConfig config) {
        S3ClientBuilder builder = S3Client.builder().region(Region.of(config.region()))
                .httpClientBuilder(ApacheHttpClient.builder());
        if (config.s3Endpoint() != null) {
            builder.endpointOverride(config.s3Endpoint()).forcePathStyle(true);
        }
        return builder.build();
    }
}
