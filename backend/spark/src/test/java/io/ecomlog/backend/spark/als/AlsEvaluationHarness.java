package io.ecomlog.backend.spark.als;

import io.ecomlog.backend.spark.SharedSpark;
import io.ecomlog.backend.spark.etl.CurateJob;
import io.ecomlog.backend.spark.etl.CurateSettings;
import io.ecomlog.backend.spark.etl.RawLakes;
import io.ecomlog.publicdata.OnlineRetailParser;
import io.ecomlog.testing.SampleData;

import java.nio.file.Files;

import static org.apache.spark.sql.functions.col;

/**
 * Figures for docs/benchmarks.md: ALS against the most-popular baseline on a time split of the Online Retail sample
 * (the invoices parsed by the demo's parser, curated by the ETL job, purchases as signals), for a few settings.
 *
 * <pre>./mvnw -pl backend/spark -am -Pals-benchmark verify -DskipTests [-Dals.csv=OnlineRetail.csv]</pre>
 */
public final class AlsEvaluationHarness {

    public static void main(String[] args) throws Exception {
        var work = Files.createTempDirectory("ecomlog-als");
        var spark = SharedSpark.session();
        // the sample by default; the full UCI file (or any CSV of the same columns) as the first argument
        var csv = args.length > 0 && !args[0].isBlank() ? java.nio.file.Path.of(args[0])
                : SampleData.file(SampleData.ONLINE_RETAIL);
        var events = new OnlineRetailParser().parse(csv).events();
        RawLakes.write(events, work.resolve("raw"), "harness");
        new CurateJob(spark, new CurateSettings(work.resolve("raw").toString(), work.resolve("curated").toString(),
                work.resolve("quarantine").toString(), work.resolve("bookmark").toString())).run();
        var signals = Interactions.signals(spark.read().parquet(work.resolve("curated/events").toString()),
                spark.read().parquet(work.resolve("curated/order_items").toString()), InteractionWeights.DEFAULT)
                .cache();
        var purchases = signals.filter(col("strength").equalTo(InteractionWeights.DEFAULT.purchase()));
        System.out.printf("Online Retail sample: %d invoices, %d purchase lines%n", events.size(), purchases.count());
        System.out.println("| train share | cut-off | persons known before and buying after | model | precision@10 "
                + "| recall@10 | MAP@10 |");
        System.out.println("|---:|---|---:|---|---:|---:|---:|");
        for (double share : new double[] {0.3, 0.5, 0.7}) {
            for (int rank : new int[] {8, 16}) {
                var settings = new AlsSettings(rank, 12, 0.05, 20, 10, 42L);
                var result = new TimeSplitEvaluation(settings).evaluate(signals, purchases, share);
                if (rank == 8) {
                    print(share, result, "most popular", result.mostPopular());
                    print(share, result, "buy again", result.buyAgain());
                }
                print(share, result, "ALS rank " + rank + ", alpha 20", result.als());
            }
        }
        spark.stop();
    }

    private static void print(double share, TimeSplitEvaluation.Result r, String model,
                              TimeSplitEvaluation.Scores s) {
        System.out.printf("| %.1f | %s | %d | %s | %.4f | %.4f | %.4f |%n", share, r.cutOff(), s.persons(), model,
                s.precision(), s.recall(), s.map());
    }
}
