package io.ecomlog.backend.spark.als;

import io.ecomlog.backend.spark.SampleEvents;
import io.ecomlog.backend.spark.SharedSpark;
import io.ecomlog.backend.spark.etl.CurateJob;
import io.ecomlog.backend.spark.etl.CurateSettings;
import io.ecomlog.backend.spark.etl.RawLakes;
import io.ecomlog.testing.Dynalite;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ALS on the curated samples, written to dynalite and to files, as the shop and Athena read them. */
class RecommendJobTest {

    static final String TABLE = "recommendations";

    @TempDir
    static Path dir;
    static SparkSession spark;

    @BeforeAll
    static void curateSamples() throws Exception {
        spark = SharedSpark.session();
        RawLakes.write(SampleEvents.all(), dir.resolve("raw"), "shop-1");
        new CurateJob(spark, new CurateSettings(dir.resolve("raw").toString(), dir.resolve("curated").toString(),
                dir.resolve("quarantine").toString(), dir.resolve("bookmark").toString())).run();
        Dynalite.shared().createTable(CreateTableRequest.builder().tableName(TABLE)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                        .attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST).build());
    }

    @Test
    void recommendsForEveryPersonWithSignalsAndWritesDynamoDbAndFiles() {
        var settings = new AlsSettings(8, 6, 0.05, 20, 5, 7L);
        var result = RecommendJob.run(spark, dir.resolve("curated").toString(), dir.resolve("out").toString(),
                new RecommendationTable(Dynalite.shared().client(), TABLE), InteractionWeights.DEFAULT, settings);

        var curated = dir.resolve("curated").toString();
        var signals = Interactions.signals(spark.read().parquet(curated + "/events"),
                spark.read().parquet(curated + "/order_items"), InteractionWeights.DEFAULT);
        Set<String> people = strings(signals.select("user_id").distinct().collectAsList());
        Set<String> products = strings(signals.select("product_id").distinct().collectAsList());
        assertThat(result.people()).isEqualTo(people.size());

        var items = Dynalite.shared().client().scanPaginator(ScanRequest.builder().tableName(TABLE).build())
                .items().stream().toList();
        var userItems = items.stream().filter(i -> i.get("pk").s().startsWith("user#")).toList();
        assertThat(userItems).hasSize(people.size());
        for (Map<String, AttributeValue> item : userItems) {
            assertThat(people).contains(item.get("pk").s().substring("user#".length()));
            var recs = item.get("items").l();
            assertThat(recs).hasSizeBetween(1, 5);
            var scores = recs.stream().map(r -> Double.parseDouble(r.m().get("score").n())).toList();
            assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
            recs.forEach(r -> assertThat(products).contains(r.m().get("product_id").s()));
        }
        var productItems = items.stream().filter(i -> i.get("pk").s().startsWith("product#")).toList();
        assertThat(productItems).hasSize((int) result.products()).isNotEmpty();
        productItems.forEach(i -> assertThat(i.get("items").l()).hasSizeBetween(1, 5)
                .noneMatch(r -> ("product#" + r.m().get("product_id").s()).equals(i.get("pk").s())));

        assertThat(spark.read().parquet(dir.resolve("out/user_recommendations").toString()).count())
                .isEqualTo(people.size());
        assertThat(spark.read().parquet(dir.resolve("out/similar_products").toString()).count())
                .isEqualTo(result.products());
    }

    @Test
    void weightsDecideTheSignalsStrength() {
        var curated = dir.resolve("curated").toString();
        var onlyPurchases = Interactions.signals(spark.read().parquet(curated + "/events"),
                spark.read().parquet(curated + "/order_items"), new InteractionWeights(0, 0, 2));
        assertThat(strings(onlyPurchases.select(col("strength").cast("string")).distinct().collectAsList()))
                .containsExactly("2.0");
        assertThatThrownBy(() -> new InteractionWeights(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AlsSettings(0, 1, 0.1, 1, 10, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Set<String> strings(List<Row> rows) {
        var out = new HashSet<String>();
        rows.forEach(r -> out.add(r.getString(0)));
        return out;
    }
}
