package io.ecomlog.backend.spark.als;

import io.ecomlog.lake.LakeTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;

/**
 * Offline evaluation on a time split: fit on the signals before a cut-off, then, for each person who bought
 * something after it and is known before it, rank 10 products and compare with what they bought after. ALS is set
 * against two baselines on the same persons: the most popular products (the most distinct buyers before the
 * cut-off), and "buy again" (the person's own earlier purchases, most often bought first, then most recent).
 * Earlier purchases are not removed from the rankings: repeat purchases are common in retail and count.
 */
public final class TimeSplitEvaluation {

    public static final int K = 10;

    /** Mean precision@10, recall@10 and MAP@10 over {@code persons}. */
    public record Scores(double precision, double recall, double map, int persons) {
    }

    public record Result(Timestamp cutOff, Scores als, Scores mostPopular, Scores buyAgain, long trainSignals,
                         long testPurchases) {
    }

    private final AlsSettings settings;

    public TimeSplitEvaluation(AlsSettings settings) {
        this.settings = settings;
    }

    /**
     * The evaluation of the curated tables under {@code curatedRoot}: the signals {@link RecommendJob} fits on,
     * purchases (the signals of the purchase weight) as what counts after the cut-off.
     */
    public Result evaluate(SparkSession spark, String curatedRoot, InteractionWeights weights,
                           double trainShare) {
        String root = curatedRoot.endsWith("/") ? curatedRoot : curatedRoot + "/";
        var signals = Interactions.signals(spark.read().parquet(root + LakeTables.EVENTS_TABLE),
                spark.read().parquet(root + LakeTables.ORDER_ITEMS_TABLE), weights).cache();
        try {
            return evaluate(signals, signals.filter(col("strength").equalTo(weights.purchase())), trainShare);
        } finally {
            signals.unpersist();
        }
    }

    /**
     * @param signals   {@code user_id, product_id, event_time, strength} ({@link Interactions#signals})
     * @param purchases the same columns, purchases only: what counts as relevant after the cut-off
     * @param trainShare the share of distinct purchase times before the cut-off, e.g. 0.7
     */
    public Result evaluate(Dataset<Row> signals, Dataset<Row> purchases, double trainShare) {
        Timestamp cutOff = cutOff(purchases, trainShare);
        Dataset<Row> train = signals.filter(col("event_time").lt(lit(cutOff)));
        Map<String, Set<String>> later = byPerson(purchases.filter(col("event_time").geq(lit(cutOff))));
        Set<String> known = new HashSet<>();
        train.select("user_id").distinct().collectAsList().forEach(r -> known.add(r.getString(0)));
        later.keySet().retainAll(known);

        var recommender = new AlsRecommender(new AlsSettings(settings.rank(), settings.iterations(),
                settings.regParam(), settings.alpha(), K, settings.seed()));
        var fitted = recommender.fit(Interactions.strengths(train));
        var persons = train.sparkSession().createDataset(new ArrayList<>(later.keySet()),
                Encoders.STRING()).toDF("user_id");
        Map<String, List<String>> alsRanks = new HashMap<>();
        for (Row r : recommender.recommendationsFor(fitted, persons).collectAsList()) {
            List<Row> recs = r.getList(1);
            alsRanks.put(r.getString(0), recs.stream().map(x -> x.getString(0)).toList());
        }
        List<String> popular = purchases.filter(col("event_time").lt(lit(cutOff)))
                .groupBy("product_id").agg(countDistinct("user_id").as("buyers"))
                .orderBy(col("buyers").desc(), col("product_id")).limit(K)
                .collectAsList().stream().map(r -> r.getString(0)).toList();
        Map<String, List<String>> again = buyAgain(purchases.filter(col("event_time").lt(lit(cutOff))));
        return new Result(cutOff, scores(later, p -> alsRanks.getOrDefault(p, List.of())),
                scores(later, p -> popular), scores(later, p -> again.getOrDefault(p, List.of())), train.count(),
                later.values().stream().mapToLong(Set::size).sum());
    }

    /** Each person's earlier purchases: most purchases first, then the most recent, then by product id. */
    static Map<String, List<String>> buyAgain(Dataset<Row> earlier) {
        record Bought(String product, long times, Timestamp last) {
        }
        var byPerson = new HashMap<String, Map<String, Bought>>();
        for (Row r : earlier.select("user_id", "product_id", "event_time").collectAsList()) {
            byPerson.computeIfAbsent(r.getString(0), p -> new HashMap<>()).merge(r.getString(1),
                    new Bought(r.getString(1), 1, r.getTimestamp(2)), (a, b) -> new Bought(a.product(),
                            a.times() + 1, a.last().after(b.last()) ? a.last() : b.last()));
        }
        var out = new HashMap<String, List<String>>();
        byPerson.forEach((person, bought) -> out.put(person, bought.values().stream()
                .sorted(Comparator.comparingLong(Bought::times).reversed()
                        .thenComparing(Bought::last, Comparator.reverseOrder())
                        .thenComparing(Bought::product))
                .limit(K).map(Bought::product).toList()));
        return out;
    }

    private static Timestamp cutOff(Dataset<Row> purchases, double trainShare) {
        List<Timestamp> times = purchases.select("event_time").distinct().orderBy("event_time")
                .collectAsList().stream().map(r -> r.getTimestamp(0)).toList();
        if (times.size() < 2) {
            throw new IllegalArgumentException("a time split needs purchases at two times at least");
        }
        return times.get(Math.min(times.size() - 1, Math.max(1, (int) Math.round(times.size() * trainShare))));
    }

    private static Map<String, Set<String>> byPerson(Dataset<Row> rows) {
        var out = new HashMap<String, Set<String>>();
        for (Row r : rows.select("user_id", "product_id").collectAsList()) {
            out.computeIfAbsent(r.getString(0), p -> new HashSet<>()).add(r.getString(1));
        }
        return out;
    }

    private static Scores scores(Map<String, Set<String>> relevant,
                                 Function<String, List<String>> ranking) {
        double p = 0, r = 0, ap = 0;
        for (var e : relevant.entrySet()) {
            List<String> ranked = ranking.apply(e.getKey());
            p += RankingMetrics.precisionAt(ranked, e.getValue(), K);
            r += RankingMetrics.recallAt(ranked, e.getValue(), K);
            ap += RankingMetrics.averagePrecisionAt(ranked, e.getValue(), K);
        }
        int n = relevant.size();
        return n == 0 ? new Scores(0, 0, 0, 0) : new Scores(p / n, r / n, ap / n, n);
    }
}
