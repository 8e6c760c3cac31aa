package io.ecomlog.backend.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class S3ObjectRefTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aBucketNotificationNamesItsCreatedObjectsWithDecodedKeys() throws Exception {
        var refs = S3ObjectRef.fromEvent(JSON.readTree("{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{"
                + "\"bucket\":{\"name\":\"processed\"},\"object\":{\"key\":\"a+b/c%2Bd%3D1.ndjson.gz\",\"size\":12,"
                + "\"eTag\":\"e1\"}}},{\"eventName\":\"ObjectRemoved:Delete\",\"s3\":{\"bucket\":{\"name\":\"x\"},"
                + "\"object\":{\"key\":\"gone\"}}}]}"));

        assertThat(refs).containsExactly(new S3ObjectRef("processed", "a b/c+d=1.ndjson.gz", 12, "e1"));
        assertThat(refs.get(0)).hasToString("s3://processed/a b/c+d=1.ndjson.gz");
        assertThat(refs.get(0).identity()).isEqualTo("processed/a b/c+d=1.ndjson.gz#e1");
    }

    @Test
    void anEventBridgeObjectCreatedEventNamesItsObjectAsItIs() throws Exception {
        var refs = S3ObjectRef.fromEvent(JSON.readTree("{\"detail-type\":\"Object Created\",\"detail\":{"
                + "\"bucket\":{\"name\":\"processed\"},\"object\":{\"key\":\"x/y z+1.ndjson.gz\"}}}"));

        assertThat(refs).containsExactly(new S3ObjectRef("processed", "x/y z+1.ndjson.gz", -1, null));
    }

    @Test
    void anEventOfAnotherKindNamesNoObject() throws Exception {
        assertThat(S3ObjectRef.fromEvent(JSON.readTree("{\"detail-type\":\"Object Deleted\",\"detail\":{}}")))
                .isEmpty();
        assertThat(S3ObjectRef.fromEvent(JSON.readTree("{\"hello\":1}"))).isEmpty();
    }
}
