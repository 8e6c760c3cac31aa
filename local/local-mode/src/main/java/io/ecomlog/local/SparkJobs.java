package io.ecomlog.local;

import io.ecomlog.backend.spark.LocalSpark;
import io.ecomlog.backend.spark.als.AlsSettings;
import io.ecomlog.backend.spark.als.InteractionWeights;
import io.ecomlog.backend.spark.als.RecommendJob;
import io.ecomlog.backend.spark.als.RecommendationTable;
import io.ecomlog.backend.spark.als.TimeSplitEvaluation;
import io.ecomlog.backend.spark.etl.CurateJob;
import io.ecomlog.backend.spark.etl.CurateReport;
import io.ecomlog.backend.spark.etl.CurateSettings;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The data lake's Spark jobs, unchanged, in Spark's local mode on two threads: the ETL from the raw lake to the
 * curated Parquet tables ({@link CurateJob}), then ALS recommendations ({@link RecommendJob}) into Parquet and the
 * recommendations table.
 */
final class SparkJobs implements AutoCloseable {

    private final SparkSession spark;

    SparkJobs(Path work) {
        spark = LocalSpark.session("ecomlog-local", work.resolve("spark-warehouse"));
        CurateJob.configure(spark);
    }

    CurateReport curate(Path raw, Path lakeRoot) throws IOException {
        return new CurateJob(spark, new CurateSettings(raw.toString(),
                lakeRoot.resolve("curated").toString(), lakeRoot.resolve("quarantine").toString(),
                lakeRoot.resolve("bookmark").resolve("objects.txt").toString())).run();
    }

    RecommendJob.Result recommend(Path lakeRoot, DynamoDbClient dynamo, String table) {
        return RecommendJob.run(spark, lakeRoot.resolve("curated").toString(),
                lakeRoot.resolve("recommendations").toString(), new RecommendationTable(dynamo, table),
                InteractionWeights.DEFAULT, AlsSettings.DEFAULT);
    }

    /** ALS against the baselines on a time split of the curated purchases (a backfill's original dates). */
    TimeSplitEvaluation.Result evaluate(Path lakeRoot) {
        return new TimeSplitEvaluation(AlsSettings.DEFAULT).evaluate(spark, lakeRoot.resolve("curated").toString(),
                InteractionWeights.DEFAULT, EVALUATION_TRAIN_SHARE);
    }

    /** The share of distinct purchase times before the evaluation's cut-off. */
    static final double EVALUATION_TRAIN_SHARE = 0.7;

    @Override
    public void close() {
        spark.stop();
    }
}
