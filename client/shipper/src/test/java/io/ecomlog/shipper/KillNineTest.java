package io.ecomlog.shipper;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.ecomlog.shipper.ShipperFixtures.lakeEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shipper as its own JVM, killed with SIGKILL in the middle of a large file, then started again: no line is
 * lost, and a line shipped twice (delivered before the kill, not yet checkpointed) has the same event id both times.
 */
class KillNineTest {

    private static final int LINES = 150_000;

    @TempDir
    Path dir;

    @Test
    void killedMidFileThenRestartedLosesNothingAndRepeatsOnlyWithTheSameId() throws Exception {
        var log = dir.resolve("big.log");
        try (BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (int n = 0; n < LINES; n++) {
                out.write("big line " + n + " of the file that the shipper is killed in the middle of\n");
            }
        }
        long size = Files.size(log);
        var lake = dir.resolve("lake");
        var checkpoint = dir.resolve("checkpoints.json");
        var yml = dir.resolve("ship.yml");
        Files.writeString(yml, """
                checkpointFile: %s
                spoolDirectory: %s
                lake: %s
                pollIntervalMillis: 20
                checkpointIntervalMillis: 100
                flows:
                  - filePattern: %s
                    maxBufferAgeMillis: 50
                """.formatted(checkpoint, dir.resolve("spool"), lake, log));

        var child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ShipperCommand.class.getName(),
                "--config", yml.toString(), "--status-interval", "0")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.out").toFile()).start();
        try {
            // kill it once a checkpoint shows it has shipped part of the file, not all of it
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                    .until(() -> offsetIn(checkpoint) > 0);
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        long committedAtKill = offsetIn(checkpoint);
        assertThat(committedAtKill).as("killed mid-file").isBetween(1L, size - 1);
        int before = lakeEvents(lake).size();

        var restarted = new Shipper(ShipConfigReader.read(yml));
        restarted.runOnce();

        assertThat(offsetIn(checkpoint)).isEqualTo(size);
        var idsByLine = new HashMap<String, Set<UUID>>();
        List<EcomEvent> events = lakeEvents(lake);
        for (var event : events) {
            idsByLine.computeIfAbsent(((LogRecord) event.payload()).message(), m -> new HashSet<>())
                    .add(event.eventId());
        }
        assertThat(idsByLine).as("every line arrived").hasSize(LINES);
        assertThat(idsByLine.values()).as("a repeated line repeats its id").allSatisfy(ids -> assertThat(ids).hasSize(1));
        assertThat(before).as("the first run delivered part of the file").isPositive().isLessThan(LINES);
        // what the first run delivered after its last checkpoint is all the second run repeats
        assertThat(events.size() - LINES).isLessThanOrEqualTo(before);
    }

    private static long offsetIn(Path checkpoint) {
        try {
            if (!Files.exists(checkpoint)) {
                return 0;
            }
            var files = new ObjectMapper().readTree(checkpoint.toFile()).get("files");
            return files.isEmpty() ? 0 : files.get(0).get("offset").asLong();
        } catch (java.io.IOException e) {
            return 0; // replaced atomically, so never half-written; but it may not exist yet
        }
    }
}
