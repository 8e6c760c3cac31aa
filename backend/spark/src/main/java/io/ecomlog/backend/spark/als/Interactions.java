package io.ecomlog.backend.spark.als;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Implicit feedback from the curated tables: product views and cart adds from {@code events}, purchased product
 * lines from {@code order_items}, weighted by {@link InteractionWeights}, one row per (person, product) with the
 * summed {@code strength}. A person is the user id, else the anonymous id; rows without either are left out.
 */
public final class Interactions {

    private Interactions() {
    }

    /** {@code user_id, product_id, event_time, strength} per event or purchased line. */
    public static Dataset<Row> signals(Dataset<Row> events, Dataset<Row> orderItems, InteractionWeights weights) {
        Column person = coalesce(col("user_id"), col("anonymous_id"));
        Dataset<Row> behaviour = events
                .filter(col("event_type").isin("product_viewed", "product_added"))
                .select(person.as("user_id"), col("product_id"), col("event_time"),
                        when(col("event_type").equalTo("product_viewed"), lit(weights.view()))
                                .otherwise(lit(weights.cartAdd())).as("strength"));
        Dataset<Row> purchases = orderItems
                .filter(col("event_type").equalTo("order_completed"))
                .select(col("user_id"), col("product_id"), col("event_time"), lit(weights.purchase()).as("strength"));
        return behaviour.unionByName(purchases)
                .filter(col("user_id").isNotNull().and(col("product_id").isNotNull()).and(col("strength").gt(0)));
    }

    /** The signals summed per (person, product): what ALS is fitted on. */
    public static Dataset<Row> strengths(Dataset<Row> signals) {
        return signals.groupBy("user_id", "product_id").agg(sum("strength").as("strength"));
    }
}
