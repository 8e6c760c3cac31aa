package io.ecomlog.backend.flink;

import io.ecomlog.backend.flink.connect.Connections;
import io.ecomlog.backend.flink.settings.JobSettings;
import io.ecomlog.backend.flink.settings.ManagedFlinkProperties;
import io.ecomlog.backend.flink.settings.Parameters;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parameters come from Managed Flink's property groups or arguments and are checked at start, naming the culprit. */
class ParametersTest {

    @Test
    void defaultsAreTheIssuesAndTheSeeds() {
        var s = JobSettings.defaults();
        assertThat(s.jobs()).containsExactlyInAnyOrder(JobSettings.Job.values());
        assertThat(s.botMaxActions()).isEqualTo(10);
        assertThat(s.botWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.botSliding()).isFalse();
        assertThat(s.surgeMinOrders()).isEqualTo(10);
        assertThat(s.surgeWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.surgeSliding()).isTrue();
        assertThat(s.conversionThreshold()).isEqualByComparingTo("0.10");
        assertThat(s.revenueDropRatio()).isEqualByComparingTo(new BigDecimal("0.5"));
    }

    @Test
    void managedFlinkPropertyGroupsAreRead(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("application_properties.json");
        Files.writeString(file, """
                [{"PropertyGroupId": "ecomlog.jobs", "PropertyMap": {"bot.max.actions": "20", "bot.window": "30s"}},
                 {"PropertyGroupId": "ecomlog.source", "PropertyMap": {"type": "files", "path": "/lake"}},
                 {"PropertyGroupId": "ecomlog.sink", "PropertyMap": {"type": "print"}}]
                """);
        var parameters = Parameters.fromPropertyGroups(ManagedFlinkProperties.read(file));

        var settings = JobSettings.from(parameters);
        assertThat(settings.botMaxActions()).isEqualTo(20);
        assertThat(settings.botWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(Connections.from(parameters).sourcePath()).isEqualTo("/lake");
        assertThat(ManagedFlinkProperties.read(dir.resolve("absent.json"))).isEmpty();
    }

    @Test
    void badValuesStopTheJobAtStartNamingTheParameter() {
        assertThatThrownBy(() -> JobSettings.from(new Parameters(Map.of("ecomlog.jobs.bot.window", "ten seconds"))))
                .hasMessageContaining("ecomlog.jobs.bot.window").hasMessageContaining("10s");
        assertThatThrownBy(() -> JobSettings.from(new Parameters(Map.of("ecomlog.jobs.bot.max.actions", "0"))))
                .hasMessageContaining("ecomlog.jobs.bot.max.actions must be at least 1");
        assertThatThrownBy(() -> JobSettings.from(new Parameters(Map.of("ecomlog.jobs.conversion.threshold", "10%"))))
                .hasMessageContaining("ecomlog.jobs.conversion.threshold");
        assertThatThrownBy(() -> JobSettings.from(new Parameters(Map.of("ecomlog.jobs.jobs", "bots"))))
                .hasMessageContaining("ecomlog.jobs.jobs must list some of bot, surge, kpi");
        assertThatThrownBy(() -> Connections.from(new Parameters(Map.of("ecomlog.aws.region", "eu-west-1"))))
                .hasMessageContaining("ecomlog.source.stream.arn must be set");
        assertThatThrownBy(() -> Connections.from(new Parameters(Map.of("ecomlog.source.type", "kafka"))))
                .hasMessageContaining("ecomlog.source.type must be one of kinesis, files");
        assertThatThrownBy(() -> Connections.from(new Parameters(Map.of("ecomlog.source.stream.arn", "events",
                "ecomlog.aws.region", "eu-west-1"))))
                .hasMessageContaining("must be a stream ARN");
    }

    @Test
    void aMistypedParameterIsNotSilentlyIgnored() {
        var env = StreamExecutionEnvironment.getExecutionEnvironment();
        assertThatThrownBy(() -> EcomlogJobs.attach(env, new Parameters(Map.of(
                "ecomlog.source.type", "files", "ecomlog.source.path", "/lake", "ecomlog.sink.type", "print",
                "ecomlog.jobs.bot.max.action", "20"))))
                .hasMessageContaining("unknown parameters").hasMessageContaining("ecomlog.jobs.bot.max.action");
    }
}
