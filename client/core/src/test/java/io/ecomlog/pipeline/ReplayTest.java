package io.ecomlog.pipeline;

import io.ecomlog.record.EncodedEvent;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.testing.KinesisLocal;
import io.ecomlog.testing.KinesisRecordData;
import io.ecomlog.testing.SharedS3;
import io.ecomlog.transport.LocalFolderStore;
import io.ecomlog.transport.ObjectStoreDestination;
import io.ecomlog.transport.S3ObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayTest {

    @TempDir
    Path dir;

    private static List<EncodedEvent> events(int n) {
        var list = new ArrayList<EncodedEvent>();
        for (int i = 0; i < n; i++) {
            var json = "{\"event_id\":\"r" + i + "\",\"event_type\":\"order_completed\",\"event_time\":"
                    + "\"2026-11-22T10:00:00.000Z\",\"order_id\":\"o" + i + "\"}";
            list.add(new EncodedEvent("r" + i, "order_completed", Instant.parse("2026-11-22T10:00:00Z"), null,
                    json.getBytes(StandardCharsets.UTF_8), 0));
        }
        return list;
    }

    private static List<String> ids(List<KinesisRecordData> records) {
        var ids = new ArrayList<String>();
        for (var r : records) {
            for (var line : RecordCodec.lines(r.data())) {
                var s = new String(line, StandardCharsets.UTF_8);
                ids.add(s.substring(s.indexOf("\"r") + 1, s.indexOf('"', s.indexOf("\"r") + 1)));
            }
        }
        return ids;
    }

    @Test
    void replaysS3BackupObjectsIntoKinesis() throws Exception {
        var s3 = SharedS3.shared();
        var bucket = s3.uniqueBucketName("replay");
        s3.createBucket(bucket);
        var backup = new ObjectStoreDestination(new S3ObjectStore(s3.client(), bucket, false), "backup", "test");
        assertThat(backup.deliver(events(250)).fullySucceeded()).isTrue();

        var kinesis = KinesisLocal.shared();
        var stream = kinesis.uniqueStreamName("replay");
        kinesis.createStream(stream, 1);
        var client = EcomlogClient.builder().kinesis(kinesis.client(), stream).shutdownHook(false)
                .linger(Duration.ofMillis(20)).build();
        var result = Replay.replayObjects(new S3ObjectStore(s3.client(), bucket, false), "backup/", client,
                Duration.ofSeconds(30), false);

        assertThat(result.complete()).isTrue();
        assertThat(result.lines()).isEqualTo(250);
        var expected = events(250).stream().map(EncodedEvent::eventId).toList();
        assertThat(ids(kinesis.readAll(stream))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theCommandLineReplaysALakeFolderIntoAnotherAndDeletesOnlyWhenComplete() throws Exception {
        var source = new ObjectStoreDestination(new LocalFolderStore(dir.resolve("from")), "", "test");
        source.deliver(events(40));
        var out = new ByteArrayOutputStream();
        int exit = Replay.run(new String[]{"--from", "dir:" + dir.resolve("from"), "--to", "dir:" + dir.resolve("to"),
                "--delete"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("40 events");
        assertThat(new LocalFolderStore(dir.resolve("from")).list("")).isEmpty();
        var target = new LocalFolderStore(dir.resolve("to"));
        int lines = 0;
        for (var key : target.list("")) {
            lines += RecordCodec.lines(target.get(key)).size();
        }
        assertThat(lines).isEqualTo(40);
    }

    @Test
    void badArgumentsGiveUsageAndExitCodeTwo() throws Exception {
        var err = new ByteArrayOutputStream();
        int exit = Replay.run(new String[]{"--from"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage");
    }
}
