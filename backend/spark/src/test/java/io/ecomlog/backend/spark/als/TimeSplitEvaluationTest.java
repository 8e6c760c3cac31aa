package io.ecomlog.backend.spark.als;

import io.ecomlog.backend.spark.SharedSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two groups of shoppers with disjoint tastes, the larger one buying the most popular products: the popularity
 * baseline can only serve the larger group, ALS serves both — the evaluation must see that.
 */
class TimeSplitEvaluationTest {

    @Test
    void alsFindsTheSmallerGroupsTasteThatPopularityMisses() {
        var rows = new ArrayList<Row>();
        purchases(rows, "a", 24, 20);
        purchases(rows, "b", 12, 20);
        var schema = new StructType().add("user_id", "string").add("product_id", "string")
                .add("event_time", "timestamp").add("strength", "double");
        var purchases = SharedSpark.session().createDataFrame(rows, schema);

        var result = new TimeSplitEvaluation(new AlsSettings(8, 10, 0.05, 20, 10, 1L))
                .evaluate(purchases, purchases, 0.5);

        assertThat(result.als().persons()).isEqualTo(36).isEqualTo(result.mostPopular().persons());
        assertThat(result.als().precision()).isGreaterThan(result.mostPopular().precision());
        assertThat(result.als().recall()).isGreaterThan(result.mostPopular().recall());
        assertThat(result.als().map()).isGreaterThan(result.mostPopular().map());
        assertThat(result.mostPopular().precision()).isBetween(0.0, 1.0);
        // nobody buys again what they bought before the cut-off: the buy-again baseline finds nothing
        assertThat(result.buyAgain().persons()).isEqualTo(36);
        assertThat(result.buyAgain().precision()).isZero();
    }

    @Test
    void buyAgainRanksAPersonsOwnPurchasesMostOftenThenMostRecentFirst() {
        var rows = new ArrayList<Row>();
        // u1 buys p1 twice and p2 once before the cut-off, then p2 again and p9 after it
        rows.add(purchase("u1", "p1", "2024-01-01T10:00:00Z"));
        rows.add(purchase("u1", "p2", "2024-01-02T10:00:00Z"));
        rows.add(purchase("u1", "p1", "2024-01-03T10:00:00Z"));
        rows.add(purchase("u1", "p3", "2024-01-04T10:00:00Z"));
        rows.add(purchase("u2", "p1", "2024-01-05T10:00:00Z"));
        rows.add(purchase("u1", "p2", "2024-02-01T10:00:00Z"));
        rows.add(purchase("u1", "p9", "2024-02-01T10:00:00Z"));
        var schema = new StructType().add("user_id", "string").add("product_id", "string")
                .add("event_time", "timestamp").add("strength", "double");
        var purchases = SharedSpark.session().createDataFrame(rows, schema);

        assertThat(TimeSplitEvaluation.buyAgain(purchases.filter("event_time < timestamp '2024-02-01 00:00:00'")))
                .containsEntry("u1", List.of("p1", "p3", "p2")).containsEntry("u2", List.of("p1"));

        var result = new TimeSplitEvaluation(new AlsSettings(4, 5, 0.05, 20, 10, 1L)).evaluate(purchases, purchases,
                0.9);
        assertThat(result.buyAgain().persons()).isEqualTo(1);
        // one of u1's two later products is among his three earlier ones: precision 1/10, recall 1/2, AP@10 1/3/2
        assertThat(result.buyAgain().precision()).isEqualTo(0.1);
        assertThat(result.buyAgain().recall()).isEqualTo(0.5);
        assertThat(result.buyAgain().map()).isCloseTo(1.0 / 3 / 2, org.assertj.core.data.Offset.offset(1e-9));
    }

    private static Row purchase(String user, String product, String time) {
        return RowFactory.create(user, product, Timestamp.from(Instant.parse(time)), 10.0);
    }

    /**
     * Each shopper of a group buys 4 of the group's products on day 1 and 2 others on day 30 (the cut-off: the later of the two purchase times); the products rotate
     * with the shopper's number, so every product is bought by several shoppers.
     */
    private static void purchases(List<Row> rows, String group, int shoppers, int products) {
        for (int s = 0; s < shoppers; s++) {
            for (int i = 0; i < 6; i++) {
                String product = group + "-p" + ((s * 3 + i * 2) % products);
                Instant when = Instant.parse(i < 4 ? "2024-01-01T10:00:00Z" : "2024-01-30T10:00:00Z");
                rows.add(RowFactory.create(group + "-u" + s, product, Timestamp.from(when), 10.0));
            }
        }
    }
}
