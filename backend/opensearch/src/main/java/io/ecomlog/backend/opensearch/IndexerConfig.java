package io.ecomlog.backend.opensearch;

import io.ecomlog.deployment.ConfigException;
import io.ecomlog.deployment.EnvConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The indexer's configuration, read from the environment once at cold start ({@link #from(EnvConfig)}); a missing
 * or bad variable fails the start with a message naming it. Defaults are listed in the module's README section.
 *
 * @param endpoint         {@code OPENSEARCH_ENDPOINT}: the domain or collection URL (required)
 * @param auth             {@code OPENSEARCH_AUTH}: {@code sigv4} (AWS, default) or {@code none} (a local node)
 * @param signingService   {@code OPENSEARCH_SIGNING_SERVICE}: {@code es} (managed domains, default) or
 *                         {@code aoss} (Serverless collections)
 * @param region           {@code AWS_REGION}: the region requests are signed for (required with SigV4)
 * @param indexPrefix      {@code INDEX_PREFIX}: daily indices are {@code <prefix>-YYYY.MM.DD} (default
 *                         {@code ecomlog})
 * @param replicas         {@code INDEX_REPLICAS}: replicas of each daily index (default 1)
 * @param retentionDays    {@code RETENTION_DAYS}: the ISM policy deletes daily indices older than this (default 30)
 * @param setup            {@code OPENSEARCH_SETUP}: install the index template and ISM policy on the first
 *                         invocation (default true; false when the stack installs them)
 * @param bulk             bulk request bounds and retries
 * @param deadLetterBucket {@code DEAD_LETTER_BUCKET}: where documents that keep failing go (required)
 * @param deadLetterPrefix {@code DEAD_LETTER_PREFIX}: their key prefix (default {@code opensearch-dead-letter/})
 * @param s3Endpoint       {@code S3_ENDPOINT}: an S3 endpoint override (local runs and tests), or null
 */
public record IndexerConfig(URI endpoint, Auth auth, String signingService, String region, String indexPrefix,
                            int replicas, int retentionDays, boolean setup, BulkSettings bulk,
                            String deadLetterBucket, String deadLetterPrefix, URI s3Endpoint) {

    /** How requests to OpenSearch are authenticated. */
    public enum Auth { SIGV4, NONE }

    private static final Pattern INDEX_PREFIX = Pattern.compile("[a-z0-9][a-z0-9_-]{0,200}");

    public static IndexerConfig from(EnvConfig env) {
        URI endpoint = env.endpoint("OPENSEARCH_ENDPOINT");
        if (endpoint == null) {
            throw new ConfigException("OPENSEARCH_ENDPOINT must be set");
        }
        Auth auth = switch (env.string("OPENSEARCH_AUTH", "sigv4").toLowerCase(Locale.ROOT)) {
            case "sigv4" -> Auth.SIGV4;
            case "none" -> Auth.NONE;
            default -> throw new ConfigException("OPENSEARCH_AUTH must be sigv4 or none, was \""
                    + env.optional("OPENSEARCH_AUTH") + "\"");
        };
        String service = env.string("OPENSEARCH_SIGNING_SERVICE", "es");
        if (!service.equals("es") && !service.equals("aoss")) {
            throw new ConfigException("OPENSEARCH_SIGNING_SERVICE must be es or aoss, was \"" + service + "\"");
        }
        String region = auth == Auth.SIGV4 ? env.required("AWS_REGION") : env.string("AWS_REGION", "us-east-1");
        String prefix = env.string("INDEX_PREFIX", "ecomlog");
        if (!INDEX_PREFIX.matcher(prefix).matches()) {
            throw new ConfigException("INDEX_PREFIX must be lower-case letters, digits, - or _, was \"" + prefix
                    + "\"");
        }
        var bulk = new BulkSettings(
                env.integer("BULK_MAX_DOCUMENTS", 1_000, 1, 10_000),
                env.integer("BULK_MAX_BYTES", 5 << 20, 1 << 10, 100 << 20),
                env.integer("BULK_MAX_ATTEMPTS", 5, 1, 20),
                Duration.ofMillis(env.integer("BULK_BACKOFF_BASE_MS", 200, 1, 60_000)),
                Duration.ofMillis(env.integer("BULK_BACKOFF_MAX_MS", 5_000, 1, 300_000)));
        String deadLetterPrefix = env.string("DEAD_LETTER_PREFIX", "opensearch-dead-letter/");
        return new IndexerConfig(endpoint, auth, service, region, prefix,
                env.integer("INDEX_REPLICAS", 1, 0, 5),
                env.integer("RETENTION_DAYS", 30, 1, 3_650),
                env.bool("OPENSEARCH_SETUP", true),
                bulk,
                env.required("DEAD_LETTER_BUCKET"),
                deadLetterPrefix.endsWith("/") ? deadLetterPrefix : deadLetterPrefix + "/",
                env.endpoint("S3_ENDPOINT"));
    }
}
