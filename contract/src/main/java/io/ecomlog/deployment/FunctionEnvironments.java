package io.ecomlog.deployment;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Every backend function's environment, one nested class per function: the handler reads each variable with
 * {@link EnvVar#read(EnvConfig)}, the deployment stack and local mode set it by {@link EnvVar#name()}, and the
 * reference in {@code docs/backend.md} is printed from {@link #all()}.
 */
public final class FunctionEnvironments {

    /** A function's name (as the stack names it, after the prefix) and the variables it reads. */
    public record FunctionEnvironment(String function, List<EnvVar<?>> variables) {
        public FunctionEnvironment {
            variables = List.copyOf(variables);
        }

        /** The variables a deployment must set. */
        public List<EnvVar<?>> required() {
            return variables.stream().filter(EnvVar::isRequired).toList();
        }

        /** The variable of that name, or null when the function reads none. */
        public EnvVar<?> variable(String name) {
            return variables.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
        }
    }

    private FunctionEnvironments() {
    }

    /** Kinesis → DynamoDB: order events into the order history table. */
    public static final class OrderHistory {
        public static final EnvVar<String> ORDERS_TABLE = EnvVar.required("ORDERS_TABLE",
                "the order history table (" + Tables.ORDERS.suffix() + ")");
        public static final EnvVar<Integer> ORDER_WRITE_CONCURRENCY = EnvVar.integer("ORDER_WRITE_CONCURRENCY", 8,
                1, 64, "order updates written at once per batch (different orders only)");
        public static final FunctionEnvironment ENVIRONMENT = new FunctionEnvironment("order-history",
                List.of(ORDERS_TABLE, ORDER_WRITE_CONCURRENCY));

        private OrderHistory() {
        }
    }

    /** The order history API behind API Gateway (and the local dashboard). */
    public static final class OrderApi {
        public static final EnvVar<String> ORDERS_TABLE = OrderHistory.ORDERS_TABLE;
        public static final FunctionEnvironment ENVIRONMENT = new FunctionEnvironment("order-api",
                List.of(ORDERS_TABLE));

        private OrderApi() {
        }
    }

    /** S3 → S3: raw log objects parsed into partitioned NDJSON, bad lines to quarantine. */
    public static final class S3LogProcessor {
        public static final EnvVar<String> PROCESSED_BUCKET = EnvVar.required("PROCESSED_BUCKET",
                "where parsed events are written");
        public static final EnvVar<String> PROCESSED_PREFIX = EnvVar.text("PROCESSED_PREFIX", "processed",
                "their key prefix");
        public static final EnvVar<String> QUARANTINE_BUCKET = EnvVar.text("QUARANTINE_BUCKET", null,
                "where rejected lines go (default: the processed bucket)");
        public static final EnvVar<String> QUARANTINE_PREFIX = EnvVar.text("QUARANTINE_PREFIX", "quarantine",
                "their key prefix");
        /** The longest line read, by default (1 MiB): a longer one is quarantined, never buffered whole. */
        public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;
        public static final EnvVar<Integer> MAX_LINE_BYTES = EnvVar.integer("MAX_LINE_BYTES",
                DEFAULT_MAX_LINE_BYTES, 1024, 64 << 20, "the longest line parsed; longer ones are quarantined");
        public static final EnvVar<Integer> MAX_OPEN_PARTS = EnvVar.integer("MAX_OPEN_PARTS", 32, 1, 1024,
                "output partitions open at once (multipart uploads)");
        public static final EnvVar<Integer> MAX_PART_MB = EnvVar.integer("MAX_PART_MB", 128, 1, 4096,
                "the largest output object before it is split, in MiB");
        public static final EnvVar<String> TMP_DIR = EnvVar.text("TMP_DIR", null,
                "scratch space for parts (default: java.io.tmpdir)");
        public static final FunctionEnvironment ENVIRONMENT = new FunctionEnvironment("s3-log-processor",
                List.of(PROCESSED_BUCKET, PROCESSED_PREFIX, QUARANTINE_BUCKET, QUARANTINE_PREFIX, MAX_LINE_BYTES,
                        MAX_OPEN_PARTS, MAX_PART_MB, TMP_DIR));

        private S3LogProcessor() {
        }
    }

    /** Firehose's transformation of Apache access-log records. */
    public static final class FirehoseTransformer {
        public static final EnvVar<String> OUTPUT_FORMAT = EnvVar.oneOf("OUTPUT_FORMAT", "ndjson",
                "ndjson for S3 (newline-ended lines), document for OpenSearch (one JSON document per record)",
                "ndjson", "document");
        public static final EnvVar<Integer> MAX_LINE_BYTES = EnvVar.integer("MAX_LINE_BYTES", 64 * 1024, 1024,
                1 << 20, "the longest record parsed; longer ones are returned ProcessingFailed");
        public static final FunctionEnvironment ENVIRONMENT = new FunctionEnvironment("firehose-transformer",
                List.of(OUTPUT_FORMAT, MAX_LINE_BYTES));

        private FirehoseTransformer() {
        }
    }

    /** Rules over events and the Flink jobs' alerts, notified through SNS with a cool-down per alert key. */
    public static final class Alerter {
        public static final EnvVar<String> ALERTS_TABLE = EnvVar.required("ALERTS_TABLE",
                "the alerter's counters and cool-downs (" + Tables.ALERTS.suffix() + ")");
        public static final EnvVar<String> ALERT_TOPIC_ARN = EnvVar.required("ALERT_TOPIC_ARN",
                "the SNS topic alerts are published to");
        public static final EnvVar<Duration> ALERT_COOLDOWN_SECONDS = EnvVar.seconds("ALERT_COOLDOWN_SECONDS",
                Duration.ofMinutes(15), Duration.ZERO, Duration.ofDays(7),
                "how long the same alert key stays quiet after a notification");
        public static final EnvVar<Integer> ALERT_RETENTION_DAYS = EnvVar.integer("ALERT_RETENTION_DAYS", 30, 1,
                3650, "how long alert items are kept (their TTL)");
        public static final EnvVar<Integer> FAILED_LOGINS_PER_USER = EnvVar.integer("FAILED_LOGINS_PER_USER", 5,
                1, 1_000_000, "failed logins of one user within the window that raise an alert");
        public static final EnvVar<Integer> FAILED_LOGINS_PER_IP = EnvVar.integer("FAILED_LOGINS_PER_IP", 20, 1,
                1_000_000, "failed logins from one IP address within the window that raise an alert");
        public static final EnvVar<Duration> FAILED_LOGIN_WINDOW_SECONDS = EnvVar.seconds(
                "FAILED_LOGIN_WINDOW_SECONDS", Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofDays(1),
                "the failed-login window");
        public static final EnvVar<BigDecimal> HTTP_5XX_SHARE = EnvVar.decimal("HTTP_5XX_SHARE",
                new BigDecimal("0.05"), new BigDecimal("0.0001"), BigDecimal.ONE,
                "the share of 5xx responses in the window that raises an alert");
        public static final EnvVar<Integer> HTTP_5XX_MIN_REQUESTS = EnvVar.integer("HTTP_5XX_MIN_REQUESTS", 50, 1,
                100_000_000, "requests the window must hold before the 5xx share counts");
        public static final EnvVar<Duration> HTTP_5XX_WINDOW_SECONDS = EnvVar.seconds("HTTP_5XX_WINDOW_SECONDS",
                Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofDays(1), "the 5xx window");
        public static final EnvVar<Integer> PAYMENT_FAILURES_PER_MINUTE = EnvVar.integer(
                "PAYMENT_FAILURES_PER_MINUTE", 10, 1, 1_000_000, "payment failures in a minute that raise an alert");
        public static final FunctionEnvironment ENVIRONMENT = new FunctionEnvironment("alerter",
                List.of(ALERTS_TABLE, ALERT_TOPIC_ARN, ALERT_COOLDOWN_SECONDS, ALERT_RETENTION_DAYS,
                        FAILED_LOGINS_PER_USER, FAILED_LOGINS_PER_IP, FAILED_LOGIN_WINDOW_SECONDS, HTTP_5XX_SHARE,
                        HTTP_5XX_MIN_REQUESTS, HTTP_5XX_WINDOW_SECONDS, PAYMENT_FAILURES_PER_MINUTE));

        private Alerter() {
        }
    }

    /** The OpenSearch indexers (Kinesis and S3 sources): events and logs into daily indices. */
    public static final class Indexer {
        public static final EnvVar<URI> OPENSEARCH_ENDPOINT = EnvVar.endpoint("OPENSEARCH_ENDPOINT", true,
                "the domain or collection URL, e.g. https://search-shop-xyz.us-east-1.es.amazonaws.com");
        public static final EnvVar<String> OPENSEARCH_AUTH = EnvVar.oneOf("OPENSEARCH_AUTH", "sigv4",
                "sigv4 (AWS) or none (a local node)", "sigv4", "none");
        public static final EnvVar<String> OPENSEARCH_SIGNING_SERVICE = EnvVar.oneOf("OPENSEARCH_SIGNING_SERVICE",
                "es", "es (managed domains) or aoss (Serverless collections)", "es", "aoss");
        public static final EnvVar<String> AWS_REGION = EnvVar.text("AWS_REGION", null,
                "the region requests are signed for (set by Lambda; required with sigv4, else us-east-1)");
        public static final EnvVar<String> INDEX_PREFIX = EnvVar.text("INDEX_PREFIX", "ecomlog",
                "daily indices are <prefix>-YYYY.MM.DD (lower-case letters, digits, - or _)");
        public static final EnvVar<Integer> INDEX_REPLICAS = EnvVar.integer("INDEX_REPLICAS", 1, 0, 5,
                "replicas of each daily index");
        public static final EnvVar<Integer> RETENTION_DAYS = EnvVar.integer("RETENTION_DAYS", 30, 1, 3_650,
                "the ISM policy deletes daily indices older than this");
        public static final EnvVar<Boolean> OPENSEARCH_SETUP = EnvVar.bool("OPENSEARCH_SETUP", true,
                "put the index template and create the ISM policy on the first invocation");
        public static final EnvVar<Integer> BULK_MAX_DOCUMENTS = EnvVar.integer("BULK_MAX_DOCUMENTS", 1_000, 1,
                10_000, "documents in one bulk request");
        public static final EnvVar<Integer> BULK_MAX_BYTES = EnvVar.integer("BULK_MAX_BYTES", 5 << 20, 1 << 10,
                100 << 20, "bytes in one bulk request (stay under the domain's http.max_content_length)");
        public static final EnvVar<Integer> BULK_MAX_ATTEMPTS = EnvVar.integer("BULK_MAX_ATTEMPTS", 5, 1, 20,
                "tries of a document answered 429/5xx or not at all, the first included");
        public static final EnvVar<Integer> BULK_BACKOFF_BASE_MS = EnvVar.integer("BULK_BACKOFF_BASE_MS", 200, 1,
                60_000, "wait before the first retry, in milliseconds; doubled each time, half of it jittered");
        public static final EnvVar<Integer> BULK_BACKOFF_MAX_MS = EnvVar.integer("BULK_BACKOFF_MAX_MS", 5_000, 1,
                300_000, "longest retry delay, in milliseconds");
        public static final EnvVar<String> DEAD_LETTER_BUCKET = EnvVar.required("DEAD_LETTER_BUCKET",
                "where documents that keep failing are written");
        public static final EnvVar<String> DEAD_LETTER_PREFIX = EnvVar.text("DEAD_LETTER_PREFIX",
                "opensearch-dead-letter/", "their key prefix");
        public static final EnvVar<URI> S3_ENDPOINT = EnvVar.endpoint("S3_ENDPOINT", false,
                "an S3 endpoint override (local runs and tests)");
        public static final FunctionEnvironment ENVIRONMENT = new FunctionEnvironment("opensearch-indexer",
                List.of(OPENSEARCH_ENDPOINT, OPENSEARCH_AUTH, OPENSEARCH_SIGNING_SERVICE, AWS_REGION, INDEX_PREFIX,
                        INDEX_REPLICAS, RETENTION_DAYS, OPENSEARCH_SETUP, BULK_MAX_DOCUMENTS, BULK_MAX_BYTES,
                        BULK_MAX_ATTEMPTS, BULK_BACKOFF_BASE_MS, BULK_BACKOFF_MAX_MS, DEAD_LETTER_BUCKET,
                        DEAD_LETTER_PREFIX, S3_ENDPOINT));

        private Indexer() {
        }
    }

    /** Every function's environment, for the reference in the docs and the stack's wiring tests. */
    public static List<FunctionEnvironment> all() {
        return List.of(OrderHistory.ENVIRONMENT, OrderApi.ENVIRONMENT, S3LogProcessor.ENVIRONMENT,
                FirehoseTransformer.ENVIRONMENT, Alerter.ENVIRONMENT, Indexer.ENVIRONMENT);
    }
}
