package io.ecomlog.backend.cdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the deployed code comes from, in one place: the built jars of the backend modules and the class or handler
 * each resource runs. The Lambda jars are the modules' own shaded artifacts, which Maven copies into
 * {@code target/assets} of this module; the Flink, Spark and Athena artifacts are read from those modules' build
 * output. Every path can be replaced (tests use files of their own; {@code ecomlog:assetDir} moves the Lambda jars).
 */
public record Artifacts(
        Path lambdaJar,
        Path openSearchJar,
        Path flinkJar,
        Path sparkJar,
        String glueEtlClass,
        String alsClass,
        Path athenaQueries) {

    // handlers of ecomlog-backend-lambda
    public static final String S3_LOG_PROCESSOR = "io.ecomlog.backend.lambda.logs.S3LogProcessor";
    public static final String FIREHOSE_LOG_TRANSFORMER = "io.ecomlog.backend.lambda.firehose.FirehoseLogTransformer";
    public static final String ORDER_HISTORY = "io.ecomlog.backend.lambda.orders.OrderHistoryHandler";
    public static final String ORDER_HISTORY_API = "io.ecomlog.backend.lambda.orders.OrderHistoryApi";
    public static final String ALERTER = "io.ecomlog.backend.lambda.alerts.AlerterHandler";
    // handlers of ecomlog-backend-opensearch
    public static final String KINESIS_INDEXER = "io.ecomlog.backend.opensearch.KinesisIndexerHandler";
    public static final String S3_INDEXER = "io.ecomlog.backend.opensearch.S3IndexerHandler";

    /** The Flink jobs' main class (Managed Flink reads it from the jar's manifest; named here for the README). */
    public static final String FLINK_MAIN_CLASS = "io.ecomlog.backend.flink.EcomlogJobs";

    /**
     * The defaults: paths relative to the working directory, this module's directory where {@code cdk.json} runs the
     * app.
     *
     * @param assetDir where Maven copied the Lambda jars ({@code target/assets})
     */
    public static Artifacts defaults(Path assetDir) {
        return defaults(Path.of(""), assetDir);
    }

    /**
     * The defaults with relative paths resolved against {@code moduleDir}, this module's directory: Maven runs the
     * app in its own working directory, which is the repository root when it is started from there.
     */
    public static Artifacts defaults(Path moduleDir, Path assetDir) {
        assetDir = moduleDir.resolve(assetDir);
        Path backend = moduleDir.resolve("..");
        return new Artifacts(
                assetDir.resolve("ecomlog-backend-lambda-aws-lambda.jar"),
                assetDir.resolve("ecomlog-backend-opensearch-aws-lambda.jar"),
                assetDir.resolve("ecomlog-backend-flink-managed-flink.jar"),
                assetDir.resolve("ecomlog-backend-spark-job.jar"),
                "io.ecomlog.backend.spark.etl.CurateJob",
                "io.ecomlog.backend.spark.als.RecommendJob",
                backend.resolve("athena/src/main/resources/io/ecomlog/backend/athena/queries"));
    }

    public Artifacts withFlinkJar(Path jar) {
        return new Artifacts(lambdaJar, openSearchJar, jar, sparkJar, glueEtlClass, alsClass, athenaQueries);
    }

    public Artifacts withSparkJar(Path jar) {
        return new Artifacts(lambdaJar, openSearchJar, flinkJar, jar, glueEtlClass, alsClass, athenaQueries);
    }

    public Artifacts withAthenaQueries(Path dir) {
        return new Artifacts(lambdaJar, openSearchJar, flinkJar, sparkJar, glueEtlClass, alsClass, dir);
    }

    /** Fails with what to build when an artifact is missing: a stack must never deploy without its code. */
    public void requireBuilt(boolean openSearch) {
        require(lambdaJar, "./mvnw -pl backend/cdk -am package");
        if (openSearch) {
            require(openSearchJar, "./mvnw -pl backend/cdk -am package");
        }
        require(flinkJar, "./mvnw -pl backend/cdk -am package");
        require(sparkJar, "./mvnw -pl backend/cdk -am package");
        if (!Files.isDirectory(athenaQueries)) {
            throw new IllegalStateException("Athena named queries not found in " + athenaQueries.toAbsolutePath());
        }
    }

    private static void require(Path jar, String build) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is not built; run " + build);
        }
    }

    static String buildVersion() {
        var props = new Properties();
        try (var in = Artifacts.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties missing from the cdk module's classpath");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props.getProperty("version");
    }
}
