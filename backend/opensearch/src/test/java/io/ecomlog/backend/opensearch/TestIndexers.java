package io.ecomlog.backend.opensearch;

import io.ecomlog.applog.StructuredLog;
import io.ecomlog.deployment.EnvConfig;
import io.ecomlog.testing.LocalAws;
import io.ecomlog.testing.OpenSearchNode;
import io.ecomlog.testing.SharedS3;
import org.opensearch.client.opensearch.OpenSearchClient;
import software.amazon.awssdk.http.SdkHttpClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Indexers for tests: configured through the same environment variables as in Lambda (plain HTTP to {@code endpoint},
 * a fresh index prefix, dead letters in a fresh S3Mock bucket, short backoff), with the waits between tries recorded
 * instead of slept through, and the structured log lines kept.
 */
final class TestIndexers {

    final String prefix;
    final String bucket;
    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
    final EventIndexer indexer;
    final IndexerConfig config;

    private TestIndexers(URI endpoint, Map<String, String> overrides, SdkHttpClient sdkHttpClient) {
        this.prefix = overrides.getOrDefault("INDEX_PREFIX", LocalAws.uniqueName("t"));
        var s3 = SharedS3.shared();
        this.bucket = s3.uniqueBucketName("dead-letters");
        s3.createBucket(bucket);
        var env = new HashMap<String, String>();
        env.put("OPENSEARCH_ENDPOINT", endpoint.toString());
        env.put("OPENSEARCH_AUTH", "none");
        env.put("INDEX_PREFIX", prefix);
        env.put("INDEX_REPLICAS", "0");
        env.put("DEAD_LETTER_BUCKET", bucket);
        env.put("BULK_BACKOFF_BASE_MS", "10");
        env.put("BULK_BACKOFF_MAX_MS", "100");
        env.putAll(overrides);
        this.config = IndexerConfig.from(new EnvConfig(env));
        this.indexer = new EventIndexer(config, OpenSearchClients.create(config, sdkHttpClient), s3::client,
                sleeps::add,
                new StructuredLog("test", logLines::add));
    }

    static TestIndexers to(URI endpoint) {
        return new TestIndexers(endpoint, Map.of(), null);
    }

    static TestIndexers to(URI endpoint, Map<String, String> overrides) {
        return new TestIndexers(endpoint, overrides, null);
    }

    /** With {@code OPENSEARCH_AUTH=sigv4} in the overrides: the signed requests go through this SDK client. */
    static TestIndexers to(URI endpoint, Map<String, String> overrides, SdkHttpClient sdkHttpClient) {
        return new TestIndexers(endpoint, overrides, sdkHttpClient);
    }

    /** Documents in this test's daily indices, after a refresh. */
    static long count(OpenSearchClient client, String prefix) {
        try {
            client.indices().refresh(r -> r.index(prefix + "-*"));
            return client.count(c -> c.index(prefix + "-*")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain client to the node, for assertions. */
    static OpenSearchClient nodeClient() {
        return OpenSearchClients.create(IndexerConfig.from(new EnvConfig(Map.of(
                "OPENSEARCH_ENDPOINT", OpenSearchNode.shared().endpoint().toString(),
                "OPENSEARCH_AUTH", "none",
                "DEAD_LETTER_BUCKET", "unused"))));
    }
}
