package io.ecomlog.backend.aws;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An object named by an S3 event: the bucket notification ({@code Records[].s3}, keys URL-encoded with {@code +}
 * for spaces) or EventBridge's {@code Object Created} ({@code detail.bucket.name}, {@code detail.object.key}, not
 * encoded), as the functions that read uploaded or processed objects receive them. {@code etag} may be null,
 * {@code size} -1 when the event does not say.
 */
public record S3ObjectRef(String bucket, String key, long size, String etag) {

    /** The objects an S3 or EventBridge event names; events of other kinds name none. */
    public static List<S3ObjectRef> fromEvent(JsonNode event) {
        var refs = new ArrayList<S3ObjectRef>();
        JsonNode records = event.path("Records");
        if (records.isArray()) {
            for (JsonNode r : records) {
                JsonNode s3 = r.path("s3");
                if (s3.isObject() && r.path("eventName").asText("ObjectCreated").startsWith("ObjectCreated")) {
                    refs.add(new S3ObjectRef(s3.path("bucket").path("name").asText(),
                            URLDecoder.decode(s3.path("object").path("key").asText(), StandardCharsets.UTF_8),
                            s3.path("object").path("size").asLong(-1), text(s3.path("object").path("eTag"))));
                }
            }
        } else if ("Object Created".equals(event.path("detail-type").asText())) {
            JsonNode d = event.path("detail");
            refs.add(new S3ObjectRef(d.path("bucket").path("name").asText(), d.path("object").path("key").asText(),
                    d.path("object").path("size").asLong(-1), text(d.path("object").path("etag"))));
        }
        return refs;
    }

    /** A name for this version of the object, from which the ids of its lines' events are derived. */
    public String identity() {
        return bucket + "/" + key + (etag == null ? "" : "#" + etag);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }
}
