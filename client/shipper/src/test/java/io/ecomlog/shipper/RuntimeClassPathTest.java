package io.ecomlog.shipper;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipper runs on customers' log servers: what it brings there is the client and the contract (the one
 * access-log parser), never a backend module, DynamoDB, Lambda, Flink or Spark. The class path is Maven's own
 * resolution of the runtime scope ({@code target/runtime-class-path.txt}, written by the build).
 */
class RuntimeClassPathTest {

    @Test
    void aLogServerGetsNoBackendAndNoEngine() throws Exception {
        List<String> jars = Arrays.stream(Files.readString(Path.of("target", "runtime-class-path.txt")).strip()
                        .split(File.pathSeparator))
                .map(p -> Path.of(p).getFileName().toString()).toList();

        assertThat(jars).anyMatch(j -> j.startsWith("ecomlog-contract-")).anyMatch(j -> j.startsWith("ecomlog-core-"));
        assertThat(jars).noneMatch(j -> j.startsWith("ecomlog-backend") || j.startsWith("dynamodb-")
                || j.startsWith("aws-lambda-java") || j.startsWith("flink-") || j.startsWith("spark-")
                || j.startsWith("opensearch-") || j.startsWith("ecomlog-testing"));
    }
}
