package io.ecomlog.transport;

import io.ecomlog.record.EncodedEvent;
import io.ecomlog.record.RecordCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecordPackerTest {

    private static EncodedEvent event(int i, String key, int size) {
        var prefix = "{\"event_id\":\"e" + i + "\",\"pad\":\"";
        var json = prefix + "x".repeat(Math.max(0, size - prefix.length() - 2)) + "\"}";
        return new EncodedEvent("e" + i, "log", Instant.EPOCH, key, json.getBytes(StandardCharsets.UTF_8), 0);
    }

    private static List<EncodedEvent> events(int n, String key, int size) {
        var list = new ArrayList<EncodedEvent>();
        for (int i = 0; i < n; i++) {
            list.add(event(i, key, size));
        }
        return list;
    }

    @Test
    void packsRecordsUpToTheTargetSizeIncludingTheKey() {
        var packer = new RecordPacker(RecordLimits.KINESIS, false);
        var records = packer.pack(events(1000, "b1", 300));
        assertThat(records).allSatisfy(r -> assertThat(r.sizeWithKey()).isLessThanOrEqualTo(25_000));
        int total = records.stream().mapToInt(r -> r.events().size()).sum();
        assertThat(total).isEqualTo(1000);
        // 301 bytes per event line: 83 fit in 25,000 - 2 bytes of key
        assertThat(records.get(0).events()).hasSize(83);
        assertThat(records).hasSize((1000 + 82) / 83);
    }

    @Test
    void everyRecordIsValidNdjsonEndingInANewline() {
        var packer = new RecordPacker(RecordLimits.FIREHOSE, false);
        var records = packer.pack(events(10, null, 100));
        assertThat(records).hasSize(1);
        var data = records.get(0).data();
        assertThat(data[data.length - 1]).isEqualTo((byte) '\n');
        assertThat(RecordCodec.lines(data)).hasSize(10);
    }

    @Test
    void eventsOfOneKeyStayTogetherAndInOrder() {
        var packer = new RecordPacker(RecordLimits.KINESIS, false);
        var mixed = new ArrayList<EncodedEvent>();
        for (int i = 0; i < 30; i++) {
            mixed.add(event(i, "b" + (i % 3), 200));
        }
        var records = packer.pack(mixed);
        assertThat(records).hasSize(3);
        for (var r : records) {
            assertThat(r.events()).allSatisfy(e -> assertThat(e.partitionKey()).isEqualTo(r.partitionKey()));
            var ids = r.events().stream().map(e -> Integer.parseInt(e.eventId().substring(1))).toList();
            assertThat(ids).isSorted();
        }
    }

    @Test
    void eventsWithoutKeyGetOneRandomKeyPerRecord() {
        var records = new RecordPacker(RecordLimits.KINESIS, false).pack(events(5, null, 100));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).partitionKey()).isNotBlank();
    }

    @Test
    void anEventLargerThanTheTargetTravelsAloneAndWhole() {
        var packer = new RecordPacker(RecordLimits.KINESIS, false);
        var list = List.of(event(0, "k", 100), event(1, "k", 100_000), event(2, "k", 100));
        var records = packer.pack(list);
        assertThat(records).hasSize(3);
        assertThat(records.get(1).data()).hasSize(100_001);
    }

    @Test
    void gzipRecordsStayWithinTheHardLimitAndReadBack() {
        var packer = new RecordPacker(RecordLimits.KINESIS, true);
        var records = packer.pack(events(5000, "k", 300));
        assertThat(records).allSatisfy(r -> {
            assertThat(RecordCodec.isGzip(r.data())).isTrue();
            // a compressed record just over one 25 KB unit would be billed two
            assertThat(r.sizeWithKey()).isLessThanOrEqualTo(RecordLimits.KINESIS.targetRecordBytes());
        });
        // and they are still well filled: 5000 events of 300 B compress into far fewer than one record per 100
        assertThat(records.size()).isLessThan(50);
        int lines = records.stream().mapToInt(r -> RecordCodec.lines(r.data()).size()).sum();
        assertThat(lines).isEqualTo(5000);
    }
}
