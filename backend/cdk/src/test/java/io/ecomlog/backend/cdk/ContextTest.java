package io.ecomlog.backend.cdk;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Context values are checked where they are read; a bad one names its key. */
class ContextTest {

    private static EcomlogConfig config(Map<String, Object> context) {
        var prefixed = new HashMap<String, Object>();
        context.forEach((k, v) -> prefixed.put(ContextReader.PREFIX + k, v));
        return EcomlogConfig.fromContext(new ContextReader(prefixed::get));
    }

    @Test
    void defaultsDescribeTheMinimalDeployment() {
        var c = config(Map.of());
        assertThat(c.prefix()).isEqualTo("ecomlog");
        assertThat(c.onDemandStreams()).isTrue();
        assertThat(c.lakeFromStream()).isTrue();
        assertThat(c.openSearch()).isEqualTo(EcomlogConfig.OpenSearchMode.NONE);
        assertThat(c.replication()).isFalse();
        assertThat(c.needsVpc()).isFalse();
        assertThat(c.apiAuth()).isEqualTo(EcomlogConfig.ApiAuth.IAM);
    }

    @Test
    void valuesFromTheCommandLineAndFromCdkJsonReadAlike() {
        var fromCli = config(Map.of("openSearchDataNodes", "4", "parquet", "true", "alertEmails", "a@x.io, b@x.io"));
        var fromJson = config(Map.of("openSearchDataNodes", 4, "parquet", true, "alertEmails",
                List.of("a@x.io", "b@x.io")));
        assertThat(fromCli).isEqualTo(fromJson);
        assertThat(fromCli.alertEmails()).containsExactly("a@x.io", "b@x.io");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> config(Map.of("openSearch", "maybe")))
                .hasMessage("context key ecomlog:openSearch must be one of none, public, vpc, was \"maybe\"");
        assertThatThrownBy(() -> config(Map.of("eventShards", "many")))
                .hasMessage("context key ecomlog:eventShards must be a whole number, was \"many\"");
        assertThatThrownBy(() -> config(Map.of("apiRateLimit", 0)))
                .hasMessage("context key ecomlog:apiRateLimit must be between 1 and 10000, was \"0\"");
        assertThatThrownBy(() -> config(Map.of("alertPhones", List.of("0151 123"))))
                .hasMessageStartingWith("context key ecomlog:alertPhones must hold only phone numbers in E.164");
        assertThatThrownBy(() -> config(Map.of("prefix", "Shop_Events")))
                .hasMessageStartingWith("context key ecomlog:prefix must be 2-21 lower-case letters");
        assertThatThrownBy(() -> config(Map.of("replicaKmsKeyArn",
                "arn:aws:kms:eu-west-1:123456789012:key/abc")))
                .hasMessageStartingWith("context key ecomlog:replicaKmsKeyArn needs ecomlog:replicaBucketArn");
        assertThatThrownBy(() -> config(Map.of("redshift", "sometimes")))
                .hasMessage("context key ecomlog:redshift must be true or false, was \"sometimes\"");
        assertThatThrownBy(() -> config(Map.of("alsSchedule", "daily")))
                .hasMessageStartingWith("context key ecomlog:alsSchedule must be a cron(...) or rate(...)");
    }

    @Test
    void aPipelineNeedsItsRepositoryAndConnection() {
        var reader = new ContextReader(Map.<String, Object>of("ecomlog:repository", "ecomlog/ecomlog")::get);
        assertThatThrownBy(() -> PipelineStack.Source.fromContext(reader))
                .hasMessageStartingWith("context key ecomlog:connectionArn must be set when ecomlog:pipeline is true");
    }
}
