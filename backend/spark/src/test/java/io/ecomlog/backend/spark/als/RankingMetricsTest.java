package io.ecomlog.backend.spark.als;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RankingMetricsTest {

    private final List<String> ranked = List.of("a", "b", "c", "d");

    @Test
    void hitsAtRanksOneAndThreeOfThreeRelevant() {
        var relevant = Set.of("a", "c", "z");
        assertThat(RankingMetrics.precisionAt(ranked, relevant, 4)).isEqualTo(2 / 4.0);
        assertThat(RankingMetrics.recallAt(ranked, relevant, 4)).isEqualTo(2 / 3.0);
        // (1/1 + 2/3) / min(4, 3)
        assertThat(RankingMetrics.averagePrecisionAt(ranked, relevant, 4)).isCloseTo((1 + 2 / 3.0) / 3, within(1e-12));
    }

    @Test
    void aCutOffIgnoresLaterHitsAndShortRankingsCountAsMisses() {
        var relevant = Set.of("d");
        assertThat(RankingMetrics.precisionAt(ranked, relevant, 3)).isZero();
        assertThat(RankingMetrics.averagePrecisionAt(ranked, relevant, 3)).isZero();
        assertThat(RankingMetrics.precisionAt(List.of("d"), relevant, 10)).isEqualTo(0.1);
        assertThat(RankingMetrics.recallAt(ranked, Set.of(), 10)).isZero();
    }
}
