package io.ecomlog.backend.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The composable index template of the daily indices ({@code index-template.json}: explicit mappings — keywords for
 * ids and codes, text where people search words, dates, money as {@code scaled_float} in cents, unknown fields kept
 * in {@code _source} but not mapped), bound to {@code <prefix>-*} with the configured replicas.
 */
public final class IndexTemplate {

    static final String RESOURCE = "index-template.json";

    private IndexTemplate() {
    }

    /** The template's name: the index prefix. */
    public static String name(IndexerConfig config) {
        return config.indexPrefix();
    }

    /** The body of {@code PUT _index_template/<name>}. */
    public static ObjectNode body(DailyIndex daily, int replicas) {
        ObjectNode body = JsonResources.read(RESOURCE);
        body.putArray("index_patterns").add(daily.pattern());
        body.put("priority", 200);
        ((ObjectNode) body.path("template").path("settings").path("index")).put("number_of_replicas", replicas);
        return body;
    }

    /** The mapping's {@code properties}, as in the template. */
    public static ObjectNode mappingProperties() {
        return (ObjectNode) JsonResources.read(RESOURCE).path("template").path("mappings").path("properties");
    }
}
