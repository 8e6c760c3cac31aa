package io.ecomlog.backend.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An object named by an S3 {@code ObjectCreated} notification — sent directly ({@code Records[].s3}, keys URL-encoded
 * with {@code +} for spaces) or through EventBridge ({@code detail-type: Object Created}, {@code detail.object.key}
 * as it is).
 */
public record S3ObjectRef(String bucket, String key) {

    /** The objects an event names; empty for an event of another kind (or another EventBridge detail type). */
    public static List<S3ObjectRef> of(JsonNode event) {
        var refs = new ArrayList<S3ObjectRef>();
        if (event.has("Records")) {
            for (JsonNode record : event.path("Records")) {
                String name = record.path("eventName").asText("");
                JsonNode s3 = record.path("s3");
                if (name.startsWith("ObjectCreated") && s3.has("object")) {
                    refs.add(new S3ObjectRef(s3.path("bucket").path("name").asText(),
                            URLDecoder.decode(s3.path("object").path("key").asText(), StandardCharsets.UTF_8)));
                }
            }
        } else if ("Object Created".equals(event.path("detail-type").asText())) {
            JsonNode detail = event.path("detail");
            refs.add(new S3ObjectRef(detail.path("bucket").path("name").asText(),
                    detail.path("object").path("key").asText()));
        }
        return refs;
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
