package io.ecomlog.backend.opensearch;

import io.ecomlog.deployment.ConfigException;
import io.ecomlog.deployment.EnvConfig;
import io.ecomlog.deployment.FunctionEnvironments.Indexer;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The indexer's configuration, read from the environment once at cold start ({@link #from(EnvConfig)}); a missing
 * or bad variable fails the start with a message naming it. Names, defaults and bounds: {@link Indexer}.
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
        URI endpoint = Indexer.OPENSEARCH_ENDPOINT.read(env);
        Auth auth = Auth.valueOf(Indexer.OPENSEARCH_AUTH.read(env).toUpperCase(Locale.ROOT));
        String service = Indexer.OPENSEARCH_SIGNING_SERVICE.read(env);
        String region = auth == Auth.SIGV4 ? env.required(Indexer.AWS_REGION.name())
                : Objects.requireNonNullElse(Indexer.AWS_REGION.read(env), "us-east-1");
        String prefix = Indexer.INDEX_PREFIX.read(env);
        if (!INDEX_PREFIX.matcher(prefix).matches()) {
            throw new ConfigException("INDEX_PREFIX must be lower-case letters, digits, - or _, was \"" + prefix
                    + "\"");
        }
        var bulk = new BulkSettings(
                Indexer.BULK_MAX_DOCUMENTS.read(env),
                Indexer.BULK_MAX_BYTES.read(env),
                Indexer.BULK_MAX_ATTEMPTS.read(env),
                Duration.ofMillis(Indexer.BULK_BACKOFF_BASE_MS.read(env)),
                Duration.ofMillis(Indexer.BULK_BACKOFF_MAX_MS.read(env)));
        String deadLetterPrefix = Indexer.DEAD_LETTER_PREFIX.read(env);
        return new IndexerConfig(endpoint, auth, service, region, prefix,
                Indexer.INDEX_REPLICAS.read(env),
                Indexer.RETENTION_DAYS.read(env),
                Indexer.OPENSEARCH_SETUP.read(env),
                bulk,
                Indexer.DEAD_LETTER_BUCKET.read(env),
                deadLetterPrefix.endsWith("/") ? deadLetterPrefix : deadLetterPrefix + "/",
                Indexer.S3_ENDPOINT.read(env));
    }
}
