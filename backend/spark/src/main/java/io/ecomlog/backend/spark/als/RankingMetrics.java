package io.ecomlog.backend.spark.als;

import java.util.List;
import java.util.Set;

/**
 * Ranking quality at a cut-off k, for one person: the ranked recommendations against the products the person
 * actually bought later ({@code relevant}).
 */
public final class RankingMetrics {

    private RankingMetrics() {
    }

    /** Hits in the first k, over k. */
    public static double precisionAt(List<String> ranked, Set<String> relevant, int k) {
        return (double) hits(ranked, relevant, k) / k;
    }

    /** Hits in the first k, over the number of relevant products. */
    public static double recallAt(List<String> ranked, Set<String> relevant, int k) {
        return relevant.isEmpty() ? 0 : (double) hits(ranked, relevant, k) / relevant.size();
    }

    /** The mean of precision@i over the ranks i of the hits in the first k, over min(k, relevant). */
    public static double averagePrecisionAt(List<String> ranked, Set<String> relevant, int k) {
        if (relevant.isEmpty()) {
            return 0;
        }
        double sum = 0;
        int hits = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (relevant.contains(ranked.get(i))) {
                hits++;
                sum += (double) hits / (i + 1);
            }
        }
        return sum / Math.min(k, relevant.size());
    }

    private static long hits(List<String> ranked, Set<String> relevant, int k) {
        return ranked.stream().limit(k).filter(relevant::contains).count();
    }
}
