package io.ecomlog.shipper;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.ecomlog.shipper.ShipperFixtures.all;
import static io.ecomlog.shipper.ShipperFixtures.append;
import static io.ecomlog.shipper.ShipperFixtures.appendText;
import static io.ecomlog.shipper.ShipperFixtures.assertLakeHolds;
import static io.ecomlog.shipper.ShipperFixtures.config;
import static io.ecomlog.shipper.ShipperFixtures.expected;
import static io.ecomlog.shipper.ShipperFixtures.lakeConfig;
import static io.ecomlog.shipper.ShipperFixtures.lakeEvents;
import static io.ecomlog.shipper.ShipperFixtures.lakeFlow;
import static io.ecomlog.shipper.ShipperFixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;

/** Runs that start from the checkpoint the run before left. */
class CheckpointRestartTest {

    @TempDir
    Path dir;

    @Test
    void aRestartShipsOnlyWhatWasWrittenSinceTheCheckpoint() throws Exception {
        var log = dir.resolve("app.log");
        var lake = dir.resolve("lake");
        var config = lakeConfig(dir, log.toString());
        append(log, "run", 0, 200);
        appendText(log, "not finished");
        new Shipper(config).runOnce();

        var checkpoint = new ObjectMapper().readTree(dir.resolve("checkpoints.json").toFile()).get("files").get(0);
        assertThat(checkpoint.get("offset").asLong()).isEqualTo(Files.size(log) - "not finished".length());
        assertThat(checkpoint.get("fileKey").asText()).isEqualTo(TailedFile.fileKeyOf(log));
        assertThat(checkpoint.get("fingerprint").asText()).hasSize(64);

        appendText(log, " until now\n");
        append(log, "run", 200, 300);
        var second = new Shipper(config);
        second.runOnce();
        assertThat(second.counters().snapshot().lines()).isEqualTo(101);

        var want = new ArrayList<>(expected("run", 0, 300));
        want.add("not finished until now");
        var events = lakeEvents(lake);
        assertThat(messages(events)).containsExactlyInAnyOrderElementsOf(want);
        assertThat(events.stream().map(e -> e.eventId()).distinct()).hasSize(want.size());
    }

    @Test
    void aCheckpointOfAnotherFileOnTheSameInodeIsNotTrusted() throws Exception {
        var log = dir.resolve("app.log");
        var lake = dir.resolve("lake");
        var config = lakeConfig(dir, log.toString());
        append(log, "one", 0, 50);
        new Shipper(config).runOnce();
        // rewritten in place, longer than before: same inode, another first line
        Files.writeString(log, String.join("\n", expected("two", 0, 80)) + "\n");
        new Shipper(config).runOnce();
        assertLakeHolds(lake, all(expected("one", 0, 50), expected("two", 0, 80)));
    }

    @Test
    void endOfFileSkipsWhatWasThereAtStartButNotWhatComesLater() throws Exception {
        var log = dir.resolve("app.log");
        var lake = dir.resolve("lake");
        var flow = lakeFlow(log.toString(), lake, LineFormat.AUTO);
        var fromEnd = new FlowConfig(flow.filePattern(), flow.target(), flow.format(), InitialPosition.END_OF_FILE,
                flow.maxBufferAge(), flow.partitionKey());
        append(log, "old", 0, 40);
        try (var running = new ShipperFixtures.Running(config(dir, List.of(fromEnd)))) {
            Thread.sleep(200);
            append(log, "new", 0, 10);
            org.awaitility.Awaitility.await().until(() -> running.counters().lines() == 10);
        }
        assertThat(messages(lakeEvents(lake))).containsExactlyInAnyOrderElementsOf(expected("new", 0, 10));
    }
}
