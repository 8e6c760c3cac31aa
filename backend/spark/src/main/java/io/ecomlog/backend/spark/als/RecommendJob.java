package io.ecomlog.backend.spark.als;

import io.ecomlog.lake.LakeTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The recommendations job (Glue 5.0 or EMR Serverless): reads the curated tables, fits ALS on implicit feedback,
 * writes the top N products per person and the N most similar products per product to S3 (Parquet, for Athena
 * and for reloading) and to the DynamoDB table the shop reads.
 * Its arguments: {@link RecommendSettings}.
 */
public final class RecommendJob {

    private RecommendJob() {
    }

    /** What a run wrote. */
    public record Result(long people, long products) {
    }

    public static void main(String[] args) {
        var settings = RecommendSettings.fromArgs(args);
        var spark = SparkSession.builder().appName("ecomlog-recommend").getOrCreate();
        try (var dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            var result = run(spark, settings.curated(), settings.output(),
                    new RecommendationTable(dynamo, settings.table()), settings.weights(), settings.als());
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
        return new Result(table.write(items(perUser, "user", "recommendations")),
                table.write(items(similar, "product", "similar")));
    }

    /** The rows ({@code id column, list column of {product_id, score}}) as table items, read lazily. */
    static Iterator<RecommendationTable.Item> items(Dataset<Row> rows, String kind, String listColumn) {
        Iterator<Row> it = rows.toLocalIterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public RecommendationTable.Item next() {
                Row row = it.next();
                List<Row> entries = row.getList(row.fieldIndex(listColumn));
                var products = new ArrayList<RecommendationTable.Scored>(entries.size());
                for (Row e : entries) {
                    products.add(new RecommendationTable.Scored(e.getString(e.fieldIndex("product_id")),
                            ((Number) e.get(e.fieldIndex("score"))).doubleValue()));
                }
                return new RecommendationTable.Item(kind, row.getString(0), products);
            }
        };
    }
}
