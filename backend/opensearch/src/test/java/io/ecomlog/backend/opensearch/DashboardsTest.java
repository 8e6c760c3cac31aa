package io.ecomlog.backend.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecomlog.testing.OpenSearchNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dashboards saved objects ({@code dashboards.ndjson}). There is no Dashboards server here to import them into,
 * so: every field a visualisation aggregates on or queries exists in the index template's mapping with an
 * aggregatable type, every reference resolves inside the file, and each visualisation's aggregations run on the real
 * node against the Apache sample.
 */
class DashboardsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> AGGREGATABLE = Set.of("keyword", "short", "integer", "long", "scaled_float",
            "date", "ip");
    /** {@code field:} or {@code field >=} in a KQL query. */
    private static final Pattern KQL_FIELD = Pattern.compile("([a-z_][a-z_.]*)\\s*(?::|>=|<=|>|<)");

    private static List<JsonNode> objects;
    private static Map<String, String> mapping;

    @BeforeAll
    static void read() throws IOException {
        objects = new ArrayList<>();
        try (InputStream in = IndexTemplate.class.getResourceAsStream("dashboards.ndjson")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                objects.add(JSON.readTree(line));
            }
        }
        mapping = IndexTemplateTest.MappingFields.of(IndexTemplate.mappingProperties());
        // multi-fields: text fields with a .keyword sub-field
        IndexTemplate.mappingProperties().fields().forEachRemaining(e -> e.getValue().path("fields").fields()
                .forEachRemaining(sub -> mapping.put(e.getKey() + "." + sub.getKey(),
                        sub.getValue().path("type").asText())));
    }

    private static List<JsonNode> ofType(String type) {
        return objects.stream().filter(o -> o.path("type").asText().equals(type)).toList();
    }

    private static JsonNode visState(JsonNode visualization) throws IOException {
        return JSON.readTree(visualization.path("attributes").path("visState").asText());
    }

    private static String query(JsonNode savedObject) throws IOException {
        return JSON.readTree(savedObject.path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON")
                .asText()).path("query").path("query").asText();
    }

    @Test
    void theIndexPatternCoversTheDailyIndicesByEventTime() {
        assertThat(ofType("index-pattern")).singleElement().satisfies(pattern -> {
            assertThat(pattern.path("attributes").path("title").asText())
                    .isEqualTo(new DailyIndex("ecomlog").pattern());
            assertThat(mapping.get(pattern.path("attributes").path("timeFieldName").asText())).isEqualTo("date");
        });
    }

    @Test
    void theDashboardShowsWhatTheIssueAsksFor() {
        Set<String> titles = ofType("visualization").stream().map(v -> v.path("attributes").path("title").asText())
                .collect(Collectors.toSet());

        assertThat(titles).contains("ecomlog: HTTP status codes over time", "ecomlog: errors by endpoint",
                "ecomlog: top products (views and cart adds)", "ecomlog: failed logins",
                "ecomlog: orders per minute");
        assertThat(ofType("dashboard")).singleElement().satisfies(d -> assertThat(d.path("references"))
                .hasSize(ofType("visualization").size()));
    }

    @Test
    void everyReferenceResolvesWithinTheFile() {
        Set<String> ids = objects.stream().map(o -> o.path("type").asText() + "/" + o.path("id").asText())
                .collect(Collectors.toSet());

        assertThat(objects).allSatisfy(o -> assertThat(o.path("references")).allSatisfy(ref ->
                assertThat(ids).contains(ref.path("type").asText() + "/" + ref.path("id").asText())));
    }

    @Test
    void everyFieldAVisualisationUsesIsMappedAndAggregatable() throws IOException {
        for (JsonNode visualization : ofType("visualization")) {
            String title = visualization.path("attributes").path("title").asText();
            for (JsonNode agg : visState(visualization).path("aggs")) {
                String field = agg.path("params").path("field").asText(null);
                if (field != null) {
                    assertThat(mapping.get(field)).as(title + ": " + field).isIn(AGGREGATABLE);
                }
            }
            Matcher m = KQL_FIELD.matcher(query(visualization));
            while (m.find()) {
                assertThat(mapping).as(title + ": query field " + m.group(1)).containsKey(m.group(1));
            }
        }
    }

    @Test
    void everyVisualisationsAggregationsRunOnTheNode() throws IOException {
        var node = TestIndexers.nodeClient();
        var test = TestIndexers.to(OpenSearchNode.shared().endpoint());
        new KinesisIndexerHandler(test.indexer).handleRequest(KinesisBatches.of(ApacheSample.encoded()
                .subList(0, 500), 100).event(), null);
        assertThat(TestIndexers.count(node, test.prefix)).isEqualTo(500);

        for (JsonNode visualization : ofType("visualization")) {
            ObjectNode search = JSON.createObjectNode().put("size", 0);
            ObjectNode aggs = search.putObject("aggs");
            for (JsonNode agg : visState(visualization).path("aggs")) {
                String field = agg.path("params").path("field").asText(null);
                switch (agg.path("type").asText()) {
                    case "terms" -> aggs.putObject("a" + agg.path("id").asText()).putObject("terms")
                            .put("field", field).put("size", agg.path("params").path("size").asInt());
                    case "date_histogram" -> aggs.putObject("a" + agg.path("id").asText())
                            .putObject("date_histogram").put("field", field).put("fixed_interval", "1h");
                    case "sum" -> aggs.putObject("a" + agg.path("id").asText()).putObject("sum")
                            .put("field", field);
                    default -> { } // count: every search has it
                }
            }
            try (var response = node.generic().execute(Requests.builder().method("POST")
                    .endpoint("/" + test.prefix + "-*/_search").json(search.toString()).build())) {
                String body = response.getBody().map(Body::bodyAsString).orElse("");
                assertThat(response.getStatus()).as(visualization.path("id").asText() + ": " + body).isEqualTo(200);
                assertThat(JSON.readTree(body).path("_shards").path("successful").asInt()).isPositive();
            }
        }
        String statusQuery = "{\"size\":0,\"aggs\":{\"s\":{\"terms\":{\"field\":\"status\"}}}}";
        try (var response = node.generic().execute(Requests.builder().method("POST")
                .endpoint("/" + test.prefix + "-*/_search").json(statusQuery).build())) {
            JsonNode buckets = JSON.readTree(response.getBody().orElseThrow().bodyAsString())
                    .path("aggregations").path("s").path("buckets");
            assertThat(buckets.findValuesAsText("key")).contains("200", "404");
        }
    }
}
