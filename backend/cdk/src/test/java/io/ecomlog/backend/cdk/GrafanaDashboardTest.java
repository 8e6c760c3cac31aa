package io.ecomlog.backend.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The Grafana dashboard shipped with the stack queries what the stack deploys, under the names it deploys. */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("dashboards", "grafana-ecomlog.json");

    @Test
    void everyCloudWatchPanelNamesADeployedResource() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Template minimal = Synth.variant("minimal").template();
        Map<String, Set<String>> deployed = Map.of(
                "FunctionName", names(minimal, "AWS::Lambda::Function", "FunctionName"),
                "StreamName", names(minimal, "AWS::Kinesis::Stream", "Name"),
                "DeliveryStreamName", names(minimal, "AWS::KinesisFirehose::DeliveryStream", "DeliveryStreamName"),
                "Application", names(minimal, "AWS::KinesisAnalyticsV2::Application", "ApplicationName"),
                "JobName", names(minimal, "AWS::Glue::Job", "Name"),
                "ApiName", names(minimal, "AWS::ApiGateway::RestApi", "Name"));
        int checked = 0;
        Set<String> sources = new HashSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                sources.add(target.at("/datasource/type").asText());
                var dimensions = target.get("dimensions");
                if (dimensions == null) {
                    continue;
                }
                for (var d : (Iterable<Map.Entry<String, JsonNode>>) dimensions::fields) {
                    if (!deployed.containsKey(d.getKey())) {
                        continue;
                    }
                    for (JsonNode value : d.getValue()) {
                        assertThat(deployed.get(d.getKey()))
                                .as(panel.get("title").asText())
                                .contains(value.asText().replace("${prefix}", "ecomlog"));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(sources).containsExactlyInAnyOrder("cloudwatch", "grafana-athena-datasource");
    }

    @Test
    void athenaPanelsQueryTheCuratedEventsTable() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        int athena = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                if (target.has("rawSQL")) {
                    assertThat(target.get("rawSQL").asText()).contains("FROM events WHERE event_type = '");
                    athena++;
                }
            }
        }
        assertThat(athena).isEqualTo(4);
    }

    private static Set<String> names(Template template, String type, String property) {
        var out = new HashSet<String>();
        Cfn.properties(template, type).forEach(p -> out.add(String.valueOf(p.get(property))));
        return out;
    }
}
