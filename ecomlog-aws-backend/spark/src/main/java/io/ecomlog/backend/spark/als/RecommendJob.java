package io.ecomlog.backend.spark.als;

import io.ecomlog.backend.lake.LakeTables;
import io.ecomlog.backend.spark.JobArguments;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;


/**
 * The recommendations job (Glue 5.0 or EMR Serverless): reads the curated tables, fits ALS on implicit feedback,
 * writes the top N products per person and the N most similar products per product to S3 (Parquet, for Athena
 * and for reloading) and to the DynamoDB table the shop reads.
 *
 * <pre>--curated URI --output URI --table NAME [--view-weight 1 --cart-weight 3 --purchase-weight 10]
 * [--rank 16 --iterations 12 --reg-param 0.05 --alpha 20 --top-n 10]</pre>
 */
public final class RecommendJob {

    private RecommendJob() {
    }

    /** What a run wrote. */
    public record Result(long people, long products) {
    }

    public static void main(String[] args) {
        var a = new JobArguments(args);
        var weights = new InteractionWeights(a.number("view-weight", InteractionWeights.DEFAULT.view()),
                a.number("cart-weight", InteractionWeights.DEFAULT.cartAdd()),
                a.number("purchase-weight", InteractionWeights.DEFAULT.purchase()));
        var d = AlsSettings.DEFAULT;
        var settings = new AlsSettings((int) a.number("rank", d.rank()), (int) a.number("iterations", d.iterations()),
                a.number("reg-param", d.regParam()), a.number("alpha", d.alpha()), (int) a.number("top-n", d.topN()),
                d.seed());
        var spark = SparkSession.builder().appName("ecomlog-recommend").getOrCreate();
        try (var dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            var result = run(spark, a.required("curated"), a.required("output"),
                    new RecommendationTable(dynamo, a.required("table")), weights, settings);
            System.out.println("ecomlog-recommend: " + result);
        }
    }

    public static Result run(SparkSession spark, String curated, String output, RecommendationTable table,
                             InteractionWeights weights, AlsSettings settings) {
        String root = curated.endsWith("/") ? curated : curated + "/";
        Dataset<Row> events = spark.read().parquet(root + LakeTables.EVENTS_TABLE);
        Dataset<Row> items = spark.read().parquet(root + LakeTables.ORDER_ITEMS_TABLE);
        var recommender = new AlsRecommender(settings);
        var fitted = recommender.fit(Interactions.strengths(Interactions.signals(events, items, weights)));
        Dataset<Row> perUser = recommender.recommendations(fitted).cache();
        Dataset<Row> similar = recommender.similarItems(fitted).cache();
        String out = output.endsWith("/") ? output : output + "/";
        perUser.write().mode(SaveMode.Overwrite).parquet(out + "user_recommendations");
        similar.write().mode(SaveMode.Overwrite).parquet(out + "similar_products");
        return new Result(table.write(perUser, "user", "recommendations"),
                table.write(similar, "product", "similar"));
    }
}
