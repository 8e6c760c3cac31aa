package io.ecomlog.shipper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;

import static io.ecomlog.shipper.ShipperFixtures.all;
import static io.ecomlog.shipper.ShipperFixtures.append;
import static io.ecomlog.shipper.ShipperFixtures.appendText;
import static io.ecomlog.shipper.ShipperFixtures.assertLakeHolds;
import static io.ecomlog.shipper.ShipperFixtures.expected;
import static io.ecomlog.shipper.ShipperFixtures.lakeConfig;
import static io.ecomlog.shipper.ShipperFixtures.lakeEvents;
import static io.ecomlog.shipper.ShipperFixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real rotations on disk while the shipper tails: every line arrives exactly once. */
class RotationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void renameAndCreateFinishesTheOldFileFromItsHandleAndReadsTheNewOneFromTheStart() throws Exception {
        var log = dir.resolve("app.log");
        var lake = dir.resolve("lake");
        append(log, "old", 0, 100);
        // the glob names the live file only: the renamed one is finished through the handle held open
        try (var running = new ShipperFixtures.Running(lakeConfig(dir, log.toString()))) {
            await().atMost(WAIT).until(() -> running.counters().lines() == 100);
            append(log, "old", 100, 150); // written just before the rotation, maybe not read yet
            appendText(log, "old last line without a break yet");
            Files.move(log, dir.resolve("app.log.1"));
            append(log, "new", 0, 80);
            appendText(dir.resolve("app.log.1"), ", finished after the rename\n"); // the writer's last word
            await().atMost(WAIT).until(() -> running.counters().lines() == 231);
            running.stop();
            assertThat(running.counters().rotations()).isEqualTo(1);
        }
        var want = new ArrayList<>(expected("old", 0, 150));
        want.add("old last line without a break yet, finished after the rename");
        want.addAll(expected("new", 0, 80));
        assertThat(messages(lakeEvents(lake))).containsExactlyInAnyOrderElementsOf(want);
    }

    @Test
    void renamedFileStaysTheSameFileWhenTheGlobMatchesItsNewName() throws Exception {
        var log = dir.resolve("web.log");
        var lake = dir.resolve("lake");
        append(log, "first", 0, 60);
        try (var running = new ShipperFixtures.Running(lakeConfig(dir, dir.resolve("web.log*").toString()))) {
            await().atMost(WAIT).until(() -> running.counters().lines() == 60);
            append(log, "first", 60, 90);
            Files.move(log, dir.resolve("web.log.1"));
            append(log, "second", 0, 40);
            Files.writeString(dir.resolve("web.log.2.gz"), "\u001f\u008b not lines"); // compressed: skipped
            await().atMost(WAIT).until(() -> running.counters().lines() == 130);
            running.stop();
        }
        assertLakeHolds(lake, all(expected("first", 0, 90), expected("second", 0, 40)));
    }

    @Test
    void copyTruncateStartsTheSameFileAgainFromZero() throws Exception {
        var log = dir.resolve("app.log");
        var lake = dir.resolve("lake");
        append(log, "before", 0, 100);
        try (var running = new ShipperFixtures.Running(lakeConfig(dir, log.toString()))) {
            await().atMost(WAIT).until(() -> running.counters().lines() == 100);
            Files.copy(log, dir.resolve("app.log.1"), StandardCopyOption.REPLACE_EXISTING);
            try (var channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
                channel.truncate(0);
            }
            append(log, "after", 0, 30);
            await().atMost(WAIT).until(() -> running.counters().lines() == 130);
            // truncated and written past the old position before the next look: caught by the first line's change
            Files.copy(log, dir.resolve("app.log.2"), StandardCopyOption.REPLACE_EXISTING);
            try (var channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
                channel.truncate(0);
            }
            append(log, "again", 0, 400);
            await().atMost(WAIT).until(() -> running.counters().lines() == 530);
            running.stop();
            assertThat(running.counters().truncations()).isEqualTo(2);
        }
        var want = new ArrayList<>(expected("before", 0, 100));
        want.addAll(expected("after", 0, 30));
        want.addAll(expected("again", 0, 400));
        var events = lakeEvents(lake);
        assertThat(messages(events)).containsExactlyInAnyOrderElementsOf(want);
        // the same offsets in another generation of the file are other lines: other ids
        assertThat(events.stream().map(e -> e.eventId()).distinct()).hasSize(want.size());
    }

    @Test
    void severalFilesOfAGlobAndAFileThatAppearsLater() throws Exception {
        var lake = dir.resolve("lake");
        var logs = Files.createDirectories(dir.resolve("logs"));
        append(logs.resolve("a.log"), "a", 0, 50);
        append(logs.resolve("b.log"), "b", 0, 70);
        Files.writeString(logs.resolve("notes.txt"), "not matched\n");
        try (var running = new ShipperFixtures.Running(lakeConfig(dir, logs.resolve("*.log").toString()))) {
            await().atMost(WAIT).until(() -> running.counters().lines() == 120);
            append(logs.resolve("c.log"), "c", 0, 30);
            append(logs.resolve("a.log"), "a", 50, 60);
            await().atMost(WAIT).until(() -> running.counters().lines() == 160);
            running.stop();
        }
        assertLakeHolds(lake, all(expected("a", 0, 60), expected("b", 0, 70), expected("c", 0, 30)));
    }

    @Test
    void aPartialLastLineWaitsUntilItIsComplete() throws Exception {
        var log = dir.resolve("app.log");
        var lake = dir.resolve("lake");
        append(log, "x", 0, 3);
        appendText(log, "half a li");
        try (var running = new ShipperFixtures.Running(lakeConfig(dir, log.toString()))) {
            await().atMost(WAIT).until(() -> running.counters().lines() == 3);
            Thread.sleep(300);
            assertThat(running.counters().lines()).isEqualTo(3);
            appendText(log, "ne, now whole\n");
            await().atMost(WAIT).until(() -> running.counters().lines() == 4);
            running.stop();
        }
        assertThat(messages(lakeEvents(lake))).containsExactlyInAnyOrder(
                "x line 0", "x line 1", "x line 2", "half a line, now whole");
    }
}
