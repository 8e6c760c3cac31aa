package io.ecomlog.record;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordCodecTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> strings(List<byte[]> lines) {
        return lines.stream().map(l -> new String(l, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void readsPlainNdjsonIgnoringBlankLinesAndCarriageReturns() {
        var lines = RecordCodec.lines(utf8("{\"a\":1}\r\n\n  \n{\"b\":2}"));
        assertThat(strings(lines)).containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void visitsTheSameLinesInPlaceWithoutCopyingThem() {
        var record = utf8("{\"a\":1}\r\n\n  \n{\"b\":2}");
        var seen = new ArrayList<String>();
        RecordCodec.forEachLine(record, (data, from, to) -> {
            assertThat(data).isSameAs(record);
            seen.add(from + ".." + to + " " + new String(data, from, to - from, StandardCharsets.UTF_8));
        });
        assertThat(seen).containsExactly("0..7 {\"a\":1}", "13..20 {\"b\":2}");
    }

    @Test
    void detectsGzipByItsMagicBytes() {
        var raw = utf8("{\"a\":1}\n");
        var gz = RecordCodec.gzip(raw);
        assertThat(RecordCodec.isGzip(gz)).isTrue();
        assertThat(RecordCodec.isGzip(raw)).isFalse();
        assertThat(strings(RecordCodec.lines(gz))).containsExactly("{\"a\":1}");
    }

    @Test
    void readsConcatenatedGzipMembersAsFirehoseWritesThem() {
        var out = new ByteArrayOutputStream();
        out.writeBytes(RecordCodec.gzip(utf8("{\"a\":1}\n")));
        out.writeBytes(RecordCodec.gzip(utf8("{\"b\":2}\n")));
        assertThat(strings(RecordCodec.lines(out.toByteArray()))).containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void readsTheLinesOfSeveralRecordsInOrderWhateverTheirCompression() {
        var records = List.of(utf8("{\"a\":1}\n{\"b\":2}\n"), RecordCodec.gzip(utf8("{\"c\":3}\n")));
        assertThat(strings(RecordCodec.lines(records))).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
    }

    @Test
    void rejectsDataThatLooksLikeGzipButIsNot() {
        byte[] fake = {0x1f, (byte) 0x8b, 1, 2, 3};
        assertThatThrownBy(() -> RecordCodec.lines(fake)).hasMessageContaining("gzip");
    }
}
