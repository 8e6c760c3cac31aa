package io.ecomlog.backend.flink;

import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The order-surge rule: 10 orders or more in a 10 s window sliding by 1 s (the seeds' SQL), per shop and site. */
class OrderSurgeTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.twoSlots();

    @Test
    void tenOrdersOfOneShopAlertNineDoNotAndTheSiteCountsBoth() throws Exception {
        var s = new Scenario();
        for (int i = 0; i < 10; i++) {
            s.order("shop-a", "sa-" + i, i * 1000L, "5.00", "EUR", "p-1", 1);
        }
        for (int i = 0; i < 9; i++) {
            s.order("shop-b", "sb-" + i, 500 + i * 1000L, "5.00", "EUR", "p-1", 1);
        }

        var result = GraphRun.run(s.records(), GraphRun.settings(Map.of("jobs", "surge")), 2);

        // shop-a: only [0 s, 10 s) holds all ten. The site: [-5 s, 5 s) is the first window to hold ten (a at 0..4 s,
        // b at 0.5..4.5 s); the later windows that hold ten or more overlap it: one alert for the episode
        assertThat(result.alertLines()).containsExactly("order_surge all 10 +-5s", "order_surge shop-a 10 +0s");
        assertThat(result.alerts()).allSatisfy(a -> {
            assertThat(a.threshold()).isEqualByComparingTo("10");
            assertThat(a.severity().name()).isEqualTo("CRITICAL");
            assertThat(a.source()).isEqualTo("flink:order-surge");
        });
    }

    @Test
    void theTextsStricterRuleMoreThanTenInOneSecondIsASetting() throws Exception {
        var s = new Scenario();
        for (int i = 0; i < 11; i++) {
            s.order("shop-a", "sa-" + i, 200 + i * 50L, "5.00", "EUR", "p-1", 1); // 0.20 .. 0.70 s
        }
        for (int i = 0; i < 10; i++) {
            s.order("shop-b", "sb-" + i, 5_000 + i * 50L, "5.00", "EUR", "p-1", 1);
        }
        var oneSecond = GraphRun.settings(Map.of("jobs", "surge", "surge.window", "1s", "surge.slide", "100ms",
                "surge.min.orders", "11"));

        var result = GraphRun.run(s.records(), oneSecond, 2);

        assertThat(result.alertLines()).containsExactly("order_surge all 11 +0s", "order_surge shop-a 11 +0s");
    }
}
