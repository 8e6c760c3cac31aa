package io.ecomlog.backend.cdk;

import java.util.List;
import java.util.Locale;

/**
 * What a deployment chooses, read from CDK context keys {@code ecomlog:<name>} (the README's "Deploying to AWS" table
 * lists them with their defaults). Every value is checked when it is read; the message names the key.
 */
public record EcomlogConfig(
        String prefix,
        boolean onDemandStreams,
        int eventShards,
        int alertShards,
        int streamRetentionHours,
        boolean lakeFromStream,
        boolean parquet,
        int rawRetentionDays,
        int backupRetentionDays,
        int athenaResultsRetentionDays,
        String replicaBucketArn,
        String replicaKmsKeyArn,
        List<String> alertEmails,
        List<String> alertPhones,
        List<String> opsEmails,
        OpenSearchMode openSearch,
        String openSearchInstanceType,
        int openSearchDataNodes,
        int openSearchVolumeGb,
        int openSearchRetentionDays,
        boolean redshift,
        int redshiftBaseCapacity,
        boolean crawler,
        ApiAuth apiAuth,
        int apiRateLimit,
        int apiBurstLimit,
        int athenaBytesScannedCutoffMb,
        int flinkParallelism,
        String flinkJobs,
        String etlSchedule,
        String alsSchedule,
        int iteratorAgeAlarmSeconds,
        int lambdaConcurrency) {

    /** Where the OpenSearch domain lives, if there is one. */
    public enum OpenSearchMode { NONE, PUBLIC, VPC }

    /** How callers of the order-history API authenticate. */
    public enum ApiAuth { IAM, COGNITO }

    private static final String EMAIL = "[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+";
    private static final String E164 = "\\+[1-9][0-9]{6,14}";
    private static final String SCHEDULE = "(cron|rate)\\(.+\\)";

    public static EcomlogConfig fromContext(ContextReader c) {
        var streamMode = c.oneOf("streamMode", "on-demand", "on-demand", "provisioned");
        var openSearch = OpenSearchMode.valueOf(c.oneOf("openSearch", "none", "none", "public", "vpc")
                .toUpperCase(Locale.ROOT));
        String replica = c.matching("replicaBucketArn", null, "arn:aws[a-z-]*:s3:::[a-z0-9.-]{3,63}",
                "an S3 bucket ARN (arn:aws:s3:::name) in another region");
        String replicaKey = c.matching("replicaKmsKeyArn", null, "arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+",
                "a KMS key ARN");
        if (replicaKey != null && replica == null) {
            throw ContextReader.invalid("replicaKmsKeyArn", "needs ecomlog:replicaBucketArn", replicaKey);
        }
        return new EcomlogConfig(
                c.matching("prefix", "ecomlog", "[a-z][a-z0-9-]{1,20}",
                        "2-21 lower-case letters, digits or '-', starting with a letter"),
                streamMode.equals("on-demand"),
                c.integer("eventShards", 2, 1, 500),
                c.integer("alertShards", 1, 1, 50),
                c.integer("streamRetentionHours", 24, 24, 8760),
                c.oneOf("lakeSource", "stream", "stream", "direct").equals("stream"),
                c.bool("parquet", false),
                c.integer("rawRetentionDays", 365, 1, 36500),
                c.integer("backupRetentionDays", 30, 1, 36500),
                c.integer("athenaResultsRetentionDays", 7, 1, 365),
                replica,
                replicaKey,
                c.list("alertEmails", EMAIL, "e-mail addresses"),
                c.list("alertPhones", E164, "phone numbers in E.164 form (+4915112345678)"),
                c.list("opsEmails", EMAIL, "e-mail addresses"),
                openSearch,
                c.matching("openSearchInstanceType", "m6g.large.search", "[a-z0-9]+\\.[a-z0-9]+\\.search",
                        "an OpenSearch instance type such as m6g.large.search"),
                c.integer("openSearchDataNodes", 2, 1, 80),
                c.integer("openSearchVolumeGb", 100, 10, 16384),
                c.integer("openSearchRetentionDays", 30, 1, 3650),
                c.bool("redshift", false),
                c.integer("redshiftBaseCapacity", 8, 4, 1024),
                c.bool("crawler", false),
                ApiAuth.valueOf(c.oneOf("apiAuth", "iam", "iam", "cognito").toUpperCase(Locale.ROOT)),
                c.integer("apiRateLimit", 50, 1, 10000),
                c.integer("apiBurstLimit", 100, 1, 5000),
                c.integer("athenaBytesScannedCutoffMb", 10 * 1024, 10, 1024 * 1024),
                c.integer("flinkParallelism", 1, 1, 64),
                c.matching("flinkJobs", "bot,surge,kpi", "(bot|surge|kpi)(,(bot|surge|kpi))*",
                        "a comma-separated subset of bot,surge,kpi"),
                c.matching("etlSchedule", "cron(15 * * * ? *)", SCHEDULE, "a cron(...) or rate(...) expression"),
                c.matching("alsSchedule", "cron(0 3 * * ? *)", SCHEDULE, "a cron(...) or rate(...) expression"),
                c.integer("iteratorAgeAlarmSeconds", 300, 10, 86400),
                c.integer("lambdaConcurrency", 10, 1, 1000));
    }

    public boolean replication() {
        return replicaBucketArn != null;
    }

    public boolean openSearchEnabled() {
        return openSearch != OpenSearchMode.NONE;
    }

    /** A VPC is created only when something must live in one. */
    public boolean needsVpc() {
        return openSearch == OpenSearchMode.VPC || redshift;
    }
}
