package io.ecomlog.backend.flink;

import io.ecomlog.kpi.SalesKpi;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Live sales figures per shop and minute, the conversion rule per hour and the revenue-drop rule per minute. */
class SalesKpiTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.twoSlots();

    @Test
    void aMinutesFiguresAreExactDecimalsPerCurrencyWithTopProductsAndConversion() throws Exception {
        var s = new Scenario();
        s.visit("shop-a", "s1", 1_000).visit("shop-a", "s2", 2_000).visit("shop-a", "s3", 3_000)
                .visit("shop-a", "s4", 4_000);
        s.order("shop-a", "s1", 10_000, "0.10", "EUR", "p-1", 2);
        s.order("shop-a", "s1", 11_000, "0.20", "EUR", "p-2", 3);
        s.order("shop-a", "s2", 12_000, "2.25", "GBP", "p-1", 4);
        s.visit("shop-a", "s5", 61_000); // the next minute

        var result = GraphRun.run(s.records(), GraphRun.settings(Map.of("jobs", "kpi")), 2);

        assertThat(result.kpis()).hasSize(2);
        SalesKpi first = result.kpis().get(0);
        assertThat(first.shop()).isEqualTo("shop-a");
        assertThat(first.windowStart()).isEqualTo(Scenario.T0);
        assertThat(first.orders()).isEqualTo(3);
        assertThat(first.revenueByCurrency()).containsOnlyKeys("EUR", "GBP");
        assertThat(first.revenueByCurrency().get("EUR")).isEqualByComparingTo("0.30"); // 0.1 + 0.2, exactly
        assertThat(first.revenueByCurrency().get("GBP")).isEqualByComparingTo("2.25");
        assertThat(first.itemsSold()).isEqualTo(9);
        assertThat(first.topProducts()).containsExactly(new SalesKpi.ProductSales("p-1", 6),
                new SalesKpi.ProductSales("p-2", 3));
        assertThat(first.sessions()).isEqualTo(4);
        assertThat(first.sessionsWithOrder()).isEqualTo(2);
        assertThat(first.conversionRate()).isEqualByComparingTo("0.5");
        assertThat(first.events()).isEqualTo(7);
        assertThat(result.kpis().get(1).orders()).isZero();
        // four sessions are under the default minimum of 100 for the conversion rule
        assertThat(result.alerts()).isEmpty();
    }

    @Test
    void conversionUnderTheThresholdOverTheHourAlertsOnceThereAreEnoughSessions() throws Exception {
        var s = new Scenario();
        for (int i = 0; i < 10; i++) {
            s.visit("shop-low", "low-" + i, i * 60_000L);
            s.visit("shop-ok", "ok-" + i, i * 60_000L);
            s.order("shop-ok", "ok-" + i, i * 60_000L + 1, "1.00", "EUR", "p-1", 1);
        }
        s.order("shop-low", "low-0", 30_000, "1.00", "EUR", "p-1", 1);
        s.visit("shop-few", "few-0", 0); // one session, no order: too few to judge

        var settings = GraphRun.settings(Map.of("jobs", "kpi", "conversion.min.sessions", "5",
                "conversion.threshold", "0.2"));
        var result = GraphRun.run(s.records(), settings, 2);

        assertThat(result.alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("conversion_drop");
            assertThat(a.key()).isEqualTo("shop-low");
            assertThat(a.value()).isEqualByComparingTo("0.1"); // 1 of 10 sessions ordered
            assertThat(a.threshold()).isEqualByComparingTo("0.2");
            assertThat(a.count()).isEqualTo(10);
        });
    }

    @Test
    void revenueFarUnderItsRecentAverageAlertsAndSoDoesAMinuteWithNoOrdersAtAll() throws Exception {
        var steady = new Scenario();
        for (int minute = 0; minute < 16; minute++) {
            steady.order("shop-b", "b-" + minute, minute * 60_000L + 1_000, "100.00", "EUR", "p-1", 1);
        }
        var drop = copy(steady).order("shop-b", "b-16", 16 * 60_000L + 1_000, "10.00", "EUR", "p-1", 1);
        // the same steady revenue, then nothing for a minute, and orders again after
        var silence = copy(steady).order("shop-b", "b-17", 17 * 60_000L + 1_000, "100.00", "EUR", "p-1", 1);

        var settings = GraphRun.settings(Map.of("jobs", "kpi"));
        assertThat(lines(GraphRun.run(drop.records(), settings, 2))).containsExactly("revenue_drop shop-b/EUR +16m");
        assertThat(lines(GraphRun.run(silence.records(), settings, 2))).containsExactly("revenue_drop shop-b/EUR +16m");
        assertThat(GraphRun.run(steady.records(), settings, 2).alerts()).isEmpty();
    }

    private static Scenario copy(Scenario s) {
        var copy = new Scenario();
        for (var e : s.events()) {
            copy.order("shop-b", e.sessionId(), e.eventTime().toEpochMilli() - Scenario.T0.toEpochMilli(), "100.00",
                    "EUR", "p-1", 1);
        }
        return copy;
    }

    private static List<String> lines(GraphRun.Result result) {
        return result.alerts().stream().map(a -> a.kind() + " " + a.key() + " +"
                + (a.windowStart().toEpochMilli() - Scenario.T0.toEpochMilli()) / 60_000 + "m").sorted().toList();
    }
}
