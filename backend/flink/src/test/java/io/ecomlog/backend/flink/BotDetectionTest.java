package io.ecomlog.backend.flink;

import io.ecomlog.backend.flink.settings.JobSettings;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Exact alert sets of the bot rules at the window edges (default: more than 10 actions in a 10 s tumbling window). */
class BotDetectionTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.twoSlots();

    private static final JobSettings BOTS = GraphRun.settings(Map.of("jobs", "bot"));

    @Test
    void elevenActionsInAWindowAlertTenDoNot() throws Exception {
        var s = new Scenario();
        times(s, "u-ten", "10.0.0.1", 10, 0, 900);
        times(s, "u-eleven", "10.0.0.2", 11, 0, 900);
        // ten in the first window, the eleventh exactly on the boundary: it opens the next window
        times(s, "u-edge", "10.0.0.3", 10, 0, 1111);
        s.view("u-edge", "10.0.0.3", 10_000);
        times(s, "u-last-ms", "10.0.0.4", 11, 9_000, 99); // 9000 .. 9990, all in the first window

        var result = GraphRun.run(s.records(), BOTS, 2);

        assertThat(result.alertLines()).containsExactly(
                "bot_ip 10.0.0.2 11 +0s", "bot_ip 10.0.0.4 11 +0s",
                "bot_user u-eleven 11 +0s", "bot_user u-last-ms 11 +0s");
        var alert = result.alerts().stream().filter(a -> a.key().equals("u-eleven")).findFirst().orElseThrow();
        assertThat(alert.threshold()).isEqualByComparingTo("10");
        assertThat(alert.windowEnd()).isEqualTo(Scenario.T0.plusSeconds(10));
        var elevenIds = java.util.stream.LongStream.rangeClosed(11, 21).mapToObj(Scenario::id).toList();
        assertThat(alert.sampleEventIds()).hasSize(5).isSubsetOf(elevenIds);
        assertThat(alert.source()).isEqualTo("flink:bot-detection");
        assertThat(result.lateEventIds()).isEmpty();
    }

    @Test
    void duplicatesCountOnce() throws Exception {
        var s = new Scenario();
        times(s, "u-ten-and-a-copy", "10.0.1.1", 10, 0, 500);
        s.duplicateOf(3);
        times(s, "u-eleven-and-copies", "10.0.1.2", 11, 0, 500);
        s.duplicateOf(1).duplicateOf(5);

        var result = GraphRun.run(s.packed(4), BOTS, 2);

        assertThat(result.alertLines()).containsExactly("bot_ip 10.0.1.2 11 +0s", "bot_user u-eleven-and-copies 11 +0s");
    }

    @Test
    void aBotBusyForSeveralWindowsIsOneAlertAQuietWindowBetweenMakesTwo() throws Exception {
        var s = new Scenario();
        times(s, "u-busy", "10.0.2.1", 12, 0, 800);
        times(s, "u-busy", "10.0.2.1", 12, 10_000, 800);
        times(s, "u-busy", "10.0.2.1", 12, 30_000, 800); // [20 s, 30 s) was quiet

        var result = GraphRun.run(s.records(), BOTS, 2);

        assertThat(result.alertLines()).containsExactly(
                "bot_ip 10.0.2.1 12 +0s", "bot_ip 10.0.2.1 12 +30s",
                "bot_user u-busy 12 +0s", "bot_user u-busy 12 +30s");
    }

    @Test
    void slidingWindowsCatchABurstAcrossTheTumblingBoundaryOnce() throws Exception {
        var s = new Scenario();
        times(s, "u-spread", "10.0.3.1", 11, 5_000, 999); // 5.000 s .. 14.990 s: 5 + 6 in tumbling windows

        assertThat(GraphRun.run(s.records(), BOTS, 2).alertLines()).isEmpty();
        var sliding = GraphRun.settings(Map.of("jobs", "bot", "bot.slide", "1s"));
        assertThat(GraphRun.run(s.records(), sliding, 2).alertLines())
                .containsExactly("bot_ip 10.0.3.1 11 +5s", "bot_user u-spread 11 +5s");
    }

    @Test
    void assetRequestsLogLinesAndErrorsAreNotActions() throws Exception {
        var s = new Scenario();
        times(s, "u-ten", "10.0.4.1", 10, 0, 100);
        for (int i = 0; i < 5; i++) {
            s.noise("u-ten", "10.0.4.1", 2_000 + i * 100L); // 15 more events, none of them an action
        }
        assertThat(GraphRun.run(s.records(), BOTS, 1).alertLines()).isEmpty();

        var lower = GraphRun.run(s.records(), GraphRun.settings(Map.of("jobs", "bot", "bot.max.actions", "9")), 1);
        assertThat(lower.alertLines()).containsExactly("bot_ip 10.0.4.1 10 +0s", "bot_user u-ten 10 +0s");
        assertThat(lower.alerts().get(0).threshold()).isEqualByComparingTo("9");
    }

    /** {@code n} views by one user and IP, {@code step} ms apart from {@code start}. */
    static void times(Scenario s, String user, String ip, int n, long start, long step) {
        for (int i = 0; i < n; i++) {
            s.view(user, ip, start + i * step);
        }
    }
}
