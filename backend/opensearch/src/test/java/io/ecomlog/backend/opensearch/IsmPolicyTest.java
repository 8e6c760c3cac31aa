package io.ecomlog.backend.opensearch;

import io.ecomlog.testing.LocalAws;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IsmPolicyTest {

    @Test
    void deletesTheDailyIndicesOfItsPrefixAfterTheRetentionDays() {
        var daily = new DailyIndex("shop");

        var policy = IsmPolicy.body(daily, 14).path("policy");

        assertThat(IsmPolicy.id(daily)).isEqualTo("shop-retention");
        assertThat(policy.path("states").path(0).path("transitions").path(0).path("conditions")
                .path("min_index_age").asText()).isEqualTo("14d");
        assertThat(policy.path("states").path(1).path("actions").path(0).has("delete")).isTrue();
        assertThat(policy.path("ism_template").path(0).path("index_patterns").path(0).asText()).isEqualTo("shop-*");
        assertThat(IsmPolicy.body(daily, 14).has("_comment")).isFalse();
    }

    @Test
    void aClusterWithoutTheIsmPluginIsReportedAndTheTemplateStillInstalled() {
        // the test node has no ISM plugin (a managed domain has it): setup says so instead of failing
        var daily = new DailyIndex(LocalAws.uniqueName("ism"));

        var outcome = new ClusterSetup(TestIndexers.nodeClient()).install(daily, 0, 7);

        assertThat(outcome.template()).isEqualTo("_index_template/" + daily.prefix());
        assertThat(outcome.ism()).startsWith("unavailable: ");
    }
}
