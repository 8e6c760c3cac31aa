package io.ecomlog.backend.opensearch;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The S3 event fixtures in {@code src/test/resources/events}, with their bucket and key filled in. */
final class S3Events {

    private static final ObjectMapper JSON = new ObjectMapper();

    private S3Events() {
    }

    /** A direct S3 notification: the key URL-encoded as S3 sends it ({@code +} for a space). */
    static Map<String, Object> notification(String bucket, String key) {
        return fixture("s3-object-created.json", bucket, URLEncoder.encode(key, StandardCharsets.UTF_8)
                .replace("%2F", "/"));
    }

    /** An EventBridge {@code Object Created} event: the key as it is. */
    static Map<String, Object> eventBridge(String bucket, String key) {
        return fixture("eventbridge-object-created.json", bucket, key);
    }

    private static Map<String, Object> fixture(String name, String bucket, String key) {
        try (InputStream in = S3Events.class.getResourceAsStream("/events/" + name)) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("BUCKET", bucket).replace("\"KEY\"", JSON.writeValueAsString(key));
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
