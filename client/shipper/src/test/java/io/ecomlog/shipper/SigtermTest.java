package io.ecomlog.shipper;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.ecomlog.shipper.ShipperFixtures.append;
import static io.ecomlog.shipper.ShipperFixtures.expected;
import static io.ecomlog.shipper.ShipperFixtures.lakeEvents;
import static io.ecomlog.shipper.ShipperFixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The daemon as its own JVM: SIGTERM delivers what it holds and writes the last checkpoint before it exits. */
class SigtermTest {

    @TempDir
    Path dir;

    @Test
    void sigtermFlushesAndCheckpointsBeforeExit() throws Exception {
        var log = dir.resolve("app.log");
        append(log, "t", 0, 100);
        var lake = dir.resolve("lake");
        var checkpoint = dir.resolve("checkpoints.json");
        var yml = Files.writeString(dir.resolve("ship.yml"), """
                checkpointFile: %s
                lake: %s
                checkpointIntervalMillis: 600000
                statusIntervalSeconds: 1
                flows:
                  - filePattern: %s
                    maxBufferAgeMillis: 600000
                """.formatted(checkpoint, lake, log));
        var output = dir.resolve("child.out");
        var child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ShipperCommand.class.getName(),
                "--config", yml.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            // read, but held by the client (ten minutes of buffer age) and not checkpointed
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(output).contains("lines=100 "));
            assertThat(Files.exists(checkpoint)).isFalse();
            assertThat(lakeEvents(lake)).isEmpty();
            child.destroy(); // SIGTERM
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(Files.readString(output)).contains("stopped: ");
        assertThat(messages(lakeEvents(lake))).containsExactlyInAnyOrderElementsOf(expected("t", 0, 100));
        var saved = new ObjectMapper().readTree(checkpoint.toFile()).get("files").get(0);
        assertThat(saved.get("offset").asLong()).isEqualTo(Files.size(log));
    }
}
