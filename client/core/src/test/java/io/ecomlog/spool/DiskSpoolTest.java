package io.ecomlog.spool;

import io.ecomlog.record.EncodedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DiskSpoolTest {

    @TempDir
    Path dir;

    private static List<EncodedEvent> events(int from, int to) {
        var list = new ArrayList<EncodedEvent>();
        for (int i = from; i < to; i++) {
            var json = "{\"event_id\":\"e" + i + "\",\"noise\":" + (i * 7919L % 100_003) + "}";
            list.add(new EncodedEvent("e" + i, "log", Instant.EPOCH, null, json.getBytes(StandardCharsets.UTF_8), 0));
        }
        return list;
    }

    @Test
    void segmentsAreReadBackOldestFirst() throws Exception {
        var spool = new DiskSpool(dir, 1 << 20);
        assertThat(spool.append(events(0, 10))).isTrue();
        assertThat(spool.append(events(10, 20))).isTrue();
        var segments = spool.segments();
        assertThat(segments).hasSize(2);
        assertThat(new String(spool.read(segments.get(0)).get(0), StandardCharsets.UTF_8)).contains("\"e0\"");
        assertThat(new String(spool.read(segments.get(1)).get(0), StandardCharsets.UTF_8)).contains("\"e10\"");
    }

    @Test
    void refusesToGrowPastItsBoundAndSaysSo() throws Exception {
        var spool = new DiskSpool(dir, 400);
        int accepted = 0;
        for (int i = 0; i < 50; i++) {
            if (spool.append(events(i * 20, i * 20 + 20))) {
                accepted++;
            }
        }
        assertThat(accepted).isBetween(1, 49);
        assertThat(spool.sizeBytes()).isLessThanOrEqualTo(400);
    }

    @Test
    void keepsItsSizeAcrossRestartsAndDeletes() throws Exception {
        var spool = new DiskSpool(dir, 1 << 20);
        spool.append(events(0, 100));
        long size = spool.sizeBytes();
        assertThat(size).isPositive();
        var reopened = new DiskSpool(dir, 1 << 20);
        assertThat(reopened.sizeBytes()).isEqualTo(size);
        reopened.delete(reopened.segments().get(0));
        assertThat(reopened.sizeBytes()).isZero();
        assertThat(reopened.isEmpty()).isTrue();
    }

    @Test
    void halfWrittenTemporaryFilesFromACrashAreIgnoredAndRemoved() throws Exception {
        Files.createDirectories(dir);
        Files.write(dir.resolve(".tmp-0000000000001-000001-abcd.ndjson.gz"), new byte[]{0x1f, (byte) 0x8b, 0});
        var spool = new DiskSpool(dir, 1 << 20);
        assertThat(spool.segments()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).isEmpty();
        }
    }
}
