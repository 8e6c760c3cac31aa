package io.ecomlog.backend.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class S3ObjectRefTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsCreatedObjectsOfDirectNotificationsDecodingTheirKeysAndSkipsOtherEvents() {
        var refs = S3ObjectRef.of(JSON.valueToTree(S3Events.notification("processed", "a b/c+d=1.ndjson.gz")));

        assertThat(refs).containsExactly(new S3ObjectRef("processed", "a b/c+d=1.ndjson.gz"));
    }

    @Test
    void readsEventBridgeObjectCreatedEventsAsTheyAre() {
        var refs = S3ObjectRef.of(JSON.valueToTree(S3Events.eventBridge("processed", "x/y z.ndjson.gz")));

        assertThat(refs).containsExactly(new S3ObjectRef("processed", "x/y z.ndjson.gz"));
    }

    @Test
    void anEventOfAnotherKindNamesNoObject() throws Exception {
        assertThat(S3ObjectRef.of(JSON.readTree("{\"detail-type\":\"Object Deleted\",\"detail\":{}}"))).isEmpty();
        assertThat(S3ObjectRef.of(JSON.readTree("{\"hello\":1}"))).isEmpty();
    }
}
