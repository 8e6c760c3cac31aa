package io.ecomlog.backend.flink;

import io.ecomlog.backend.flink.settings.JobSettings;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public samples replayed through all three jobs at the default thresholds, with injected anomalies: every
 * injected one is found, and the only other alerts are those an independent computation finds in the real traffic
 * (printed; the README says which and why).
 */
class PublicDataReplayTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.twoSlots();

    @Test
    void everyInjectedAnomalyIsFoundAndNothingTheRulesDoNotCallFor() throws Exception {
        var events = PublicTraffic.withAnomalies();
        var expected = PublicTraffic.expectedFindings(events);

        var result = GraphRun.run(Scenario.pack(events, 20), JobSettings.defaults(), 2);

        var found = new TreeSet<String>();
        result.alerts().forEach(a -> found.add(a.kind() + " " + a.key()));
        assertThat(found).containsAll(PublicTraffic.injectedFindings());
        assertThat(found).isEqualTo(expected);
        var fromRealTraffic = new TreeSet<>(found);
        fromRealTraffic.removeAll(PublicTraffic.injectedFindings());
        System.out.println("alerts raised by the real traffic of the samples: " + fromRealTraffic);
        assertThat(result.kpis()).isNotEmpty();
        assertThat(result.lateEventIds()).isEmpty();
    }
}
