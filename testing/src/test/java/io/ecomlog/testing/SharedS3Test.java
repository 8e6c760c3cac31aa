package io.ecomlog.testing;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SharedS3Test {

    private final SharedS3 s3 = SharedS3.shared();

    @Test
    void objectsPutWithTheSdkAreReadBackByPrefix() throws IOException {
        String bucket = s3.uniqueBucketName("backup");
        s3.createBucket(bucket);
        s3.client().putObject(b -> b.bucket(bucket).key("events/2024/a.json"), RequestBody.fromString("{\"a\":1}"));
        s3.client().putObject(b -> b.bucket(bucket).key("events/2024/b.json"), RequestBody.fromString("{\"b\":2}"));
        s3.client().putObject(b -> b.bucket(bucket).key("other/c.json"), RequestBody.fromString("{\"c\":3}"));

        Map<String, byte[]> events = s3.readAll(bucket, "events/");

        assertThat(events).containsOnlyKeys("events/2024/a.json", "events/2024/b.json");
        assertThat(new String(events.get("events/2024/b.json"), StandardCharsets.UTF_8)).isEqualTo("{\"b\":2}");
        assertThat(s3.readAll(bucket, "")).hasSize(3);
        // the file store lives under target/s3mock, not /tmp
        try (Stream<Path> runs = Files.list(LocalAws.targetDir().resolve("s3mock"))) {
            assertThat(runs.anyMatch(run -> Files.isDirectory(run.resolve(bucket)))).isTrue();
        }
    }

    @Test
    void listensOnLoopbackOverPlainHttp() {
        assertThat(s3.endpoint().toString()).startsWith("http://127.0.0.1:");
        assertThat(s3.uniqueBucketName("Some_Prefix")).matches("[a-z0-9][a-z0-9-]{2,62}");
    }
}
