package io.ecomlog.backend.spark.als;

import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;

/**
 * Spark ML's ALS on implicit feedback ({@code implicitPrefs}: strengths are confidences, not ratings) over string
 * person and product ids, which it indexes to the integers ALS needs and maps back. Gives the top N products per
 * person and, from the product factors, the N most similar products per product (cosine of the factor vectors).
 */
public final class AlsRecommender {

    private final AlsSettings settings;

    public AlsRecommender(AlsSettings settings) {
        this.settings = settings;
    }

    /** A fitted model with the index of its ids. */
    public record Fitted(ALSModel model, StringIndexerModel users, StringIndexerModel items) {
    }

    /** Fits on {@code user_id, product_id, strength} rows. */
    public Fitted fit(Dataset<Row> strengths) {
        var users = new StringIndexer().setInputCol("user_id").setOutputCol("user").fit(strengths);
        var items = new StringIndexer().setInputCol("product_id").setOutputCol("item").fit(strengths);
        Dataset<Row> indexed = items.transform(users.transform(strengths))
                .select(col("user").cast("int"), col("item").cast("int"), col("strength").cast("float"));
        var als = new ALS().setImplicitPrefs(true).setRank(settings.rank()).setMaxIter(settings.iterations())
                .setRegParam(settings.regParam()).setAlpha(settings.alpha()).setSeed(settings.seed())
                .setUserCol("user").setItemCol("item").setRatingCol("strength")
                .setNumUserBlocks(2).setNumItemBlocks(2)
                .setColdStartStrategy("drop");
        return new Fitted(als.fit(indexed.cache()), users, items);
    }

    /** {@code user_id, recommendations: array<struct<product_id, score>>}, best first, for every person. */
    public Dataset<Row> recommendations(Fitted fitted) {
        return named(fitted, fitted.model().recommendForAllUsers(settings.topN()));
    }

    /** Like {@link #recommendations(Fitted)}, for the persons in {@code users} ({@code user_id} column) only. */
    public Dataset<Row> recommendationsFor(Fitted fitted, Dataset<Row> users) {
        Dataset<Row> indexed = fitted.users().setHandleInvalid("skip").transform(users.select("user_id").distinct())
                .select(col("user").cast("int").as("user"));
        return named(fitted, fitted.model().recommendForUserSubset(indexed, settings.topN()));
    }

    private Dataset<Row> named(Fitted fitted, Dataset<Row> byIndex) {
        Dataset<Row> userIds = userIds(fitted);
        Dataset<Row> itemIds = itemIds(fitted);
        return byIndex.select(col("user"), explode(col("recommendations")).as("r"))
                .select(col("user"), col("r.item").as("item"), col("r.rating").as("score"))
                .join(userIds, "user").join(itemIds, "item")
                .select(col("user_id"), struct(col("score"), col("product_id")).as("r"))
                .groupBy("user_id")
                .agg(expr("transform(reverse(array_sort(collect_list(r))), x -> named_struct('product_id', "
                        + "x.product_id, 'score', x.score))").as("recommendations"));
    }

    /** {@code product_id, similar: array<struct<product_id, score>>}: the topN nearest by cosine, best first. */
    public Dataset<Row> similarItems(Fitted fitted) {
        Dataset<Row> factors = fitted.model().itemFactors()
                .withColumn("norm", expr("sqrt(aggregate(features, 0D, (acc, x) -> acc + x * x))"))
                .filter(col("norm").gt(0));
        Dataset<Row> a = factors.select(col("id").as("a"), col("features").as("fa"), col("norm").as("na"));
        Dataset<Row> b = factors.select(col("id").as("b"), col("features").as("fb"), col("norm").as("nb"));
        Dataset<Row> scored = a.crossJoin(b).filter(col("a").notEqual(col("b")))
                .select(col("a"), col("b"), expr("aggregate(zip_with(fa, fb, (x, y) -> x * y), 0D, "
                        + "(acc, v) -> acc + v) / (na * nb)").as("score"));
        Dataset<Row> nearest = scored.withColumn("rank", row_number().over(Window.partitionBy("a")
                        .orderBy(col("score").desc(), col("b")))).filter(col("rank").leq(settings.topN()));
        Dataset<Row> itemIds = itemIds(fitted);
        return nearest.join(itemIds.withColumnRenamed("item", "a"), "a")
                .join(itemIds.withColumnRenamed("item", "b").withColumnRenamed("product_id", "similar_id"), "b")
                .select(col("product_id"), struct(col("rank"), col("similar_id"), col("score")).as("s"))
                .groupBy("product_id")
                .agg(expr("transform(array_sort(collect_list(s)), x -> named_struct('product_id', x.similar_id, "
                        + "'score', x.score))").as("similar"));
    }

    private static Dataset<Row> userIds(Fitted fitted) {
        return labels(fitted.users(), "user", "user_id");
    }

    private static Dataset<Row> itemIds(Fitted fitted) {
        return labels(fitted.items(), "item", "product_id");
    }

    /** The index → id table of a fitted indexer. */
    private static Dataset<Row> labels(StringIndexerModel indexer, String index, String id) {
        String[] labels = indexer.labelsArray()[0];
        var rows = new ArrayList<Row>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            rows.add(RowFactory.create(i, labels[i]));
        }
        var schema = new StructType().add(index, "int").add(id, "string");
        return SparkSession.active().createDataFrame(rows, schema);
    }

}
