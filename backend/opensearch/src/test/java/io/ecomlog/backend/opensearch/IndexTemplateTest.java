package io.ecomlog.backend.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecomlog.testing.LocalAws;
import io.ecomlog.testing.OpenSearchNode;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch._types.mapping.Property;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The index template's mapping against the event schema, and on the real node. */
class IndexTemplateTest {

    /** Mapping types each schema kind may have. */
    private static final Map<String, Set<String>> COMPATIBLE = Map.of(
            "timestamp", Set.of("date"),
            "decimal", Set.of("scaled_float"),
            "integer", Set.of("short", "integer", "long"),
            "string", Set.of("keyword", "text", "ip"),
            "object", Set.of("object", "flat_object"));

    /** Fields the mapping has beyond the schema: the free-form properties the access-log parser sets. */
    private static final Set<String> MAPPED_BEYOND_SCHEMA = Set.of("properties.action", "properties.product_id",
            "properties.search_query", "properties.error");

    @Test
    void everyFieldOfTheEventSchemaIsMappedWithACompatibleType() {
        Map<String, String> schema = EventSchemaFields.all();
        Map<String, String> mapping = MappingFields.of(IndexTemplate.mappingProperties());

        assertThat(schema).hasSizeGreaterThan(100).containsEntry("event_time", "timestamp")
                .containsEntry("products.price", "decimal").containsEntry("client.ip", "string");
        var incompatible = new TreeMap<String, String>();
        schema.forEach((path, kind) -> {
            String type = mapping.get(path);
            if (type == null || !COMPATIBLE.get(kind).contains(type)) {
                incompatible.put(path, kind + " mapped as " + type);
            }
        });
        assertThat(incompatible).isEmpty();
    }

    @Test
    void theMappingHasNoFieldTheSchemaDoesNotKnow() {
        Map<String, String> schema = EventSchemaFields.all();
        Map<String, String> mapping = MappingFields.of(IndexTemplate.mappingProperties());

        assertThat(mapping.keySet()).allSatisfy(path -> assertThat(schema.containsKey(path)
                || MAPPED_BEYOND_SCHEMA.contains(path)
                || schema.keySet().stream().anyMatch(field -> field.startsWith(path + "."))).as(path).isTrue());
    }

    @Test
    void aDailyIndexCreatedOnTheNodeGetsTheTemplatesMapping() throws Exception {
        var node = TestIndexers.nodeClient();
        var daily = new DailyIndex(LocalAws.uniqueName("tpl"));
        var outcome = new ClusterSetup(node).install(daily, 0, 30);
        var event = ApacheSample.events().get(0);
        var test = TestIndexers.to(OpenSearchNode.shared().endpoint(), Map.of("INDEX_PREFIX", daily.prefix(),
                "OPENSEARCH_SETUP", "false"));

        var result = test.indexer.bulk().index(List.of(test.indexer.document(event, "test")));

        assertThat(outcome.template()).isEqualTo("_index_template/" + daily.prefix());
        assertThat(result.indexed()).isEqualTo(1);
        String index = daily.of(event.eventTime());
        assertThat(index).isEqualTo(daily.prefix() + "-2015.05.17");
        Map<String, Property> properties = node.indices().getMapping(m -> m.index(index)).result().get(index)
                .mappings().properties();
        assertThat(properties.get("event_time").isDate()).isTrue();
        assertThat(properties.get("value").isScaledFloat()).isTrue();
        assertThat(properties.get("status").isShort()).isTrue();
        assertThat(properties.get("event_id").isKeyword()).isTrue();
        assertThat(properties.get("client").object().properties().get("ip").isIp()).isTrue();
        var settings = node.indices().getSettings(s -> s.index(index)).result().get(index).settings().index();
        assertThat(String.valueOf(settings.numberOfReplicas())).isEqualTo("0");
    }

    /** The mapping's fields (objects too) as dotted paths with their types. */
    static final class MappingFields {
        static Map<String, String> of(JsonNode properties) {
            var fields = new TreeMap<String, String>();
            collect(properties, "", fields);
            return fields;
        }

        private static void collect(JsonNode properties, String prefix, Map<String, String> fields) {
            properties.fields().forEachRemaining(entry -> {
                String path = prefix + entry.getKey();
                JsonNode field = entry.getValue();
                fields.put(path, field.path("type").asText("object"));
                if (field.has("properties")) {
                    collect(field.path("properties"), path + ".", fields);
                }
            });
        }
    }
}
