package io.ecomlog.backend.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Index State Management policy of the daily indices ({@code ism-policy.json}): deleted {@code retentionDays}
 * after they were created, attached to every new {@code <prefix>-*} index by its {@code ism_template}. Age counts
 * from the index's creation, so a day backfilled late is kept from the backfill on.
 */
public final class IsmPolicy {

    static final String RESOURCE = "ism-policy.json";

    private IsmPolicy() {
    }

    /** The policy's id: {@code <prefix>-retention}. */
    public static String id(DailyIndex daily) {
        return daily.prefix() + "-retention";
    }

    /** The body of {@code PUT _plugins/_ism/policies/<id>}. */
    public static ObjectNode body(DailyIndex daily, int retentionDays) {
        ObjectNode body = JsonResources.read(RESOURCE);
        ObjectNode policy = (ObjectNode) body.path("policy");
        policy.put("description", "ecomlog daily indices " + daily.pattern() + ": deleted " + retentionDays
                + " days after creation");
        ObjectNode hot = (ObjectNode) policy.path("states").path(0);
        ((ObjectNode) hot.path("transitions").path(0).path("conditions")).put("min_index_age", retentionDays + "d");
        ObjectNode ismTemplate = (ObjectNode) policy.path("ism_template").path(0);
        ismTemplate.putArray("index_patterns").add(daily.pattern());
        return body;
    }
}
