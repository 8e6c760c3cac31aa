package io.ecomlog.reader;

import io.ecomlog.record.RecordCodec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectLinesTest {

    @Test
    void plainTextWithCrlfBlankLinesAndNoFinalNewline() throws IOException {
        var lines = readAll("a\r\n\r\n  \nb\nc".getBytes(StandardCharsets.UTF_8), 100);

        assertThat(lines).extracting(ObjectLinesTest::text).containsExactly("a", "b", "c");
        assertThat(lines).extracting(ObjectLines.Line::number).containsExactly(1L, 4L, 5L);
    }

    @Test
    void concatenatedGzipMembersReadAsOneStream() throws IOException {
        var out = new ByteArrayOutputStream();
        out.writeBytes(RecordCodec.gzip("one\ntwo\n".getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(RecordCodec.gzip("three\n".getBytes(StandardCharsets.UTF_8)));

        try (var lines = ObjectLines.open(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(lines.isGzip()).isTrue();
            assertThat(drain(lines)).extracting(ObjectLinesTest::text).containsExactly("one", "two", "three");
            assertThat(lines.brokenGzip()).isNull();
        }
    }

    @Test
    void aLineOverTheBoundIsCutAndMarkedAndTheNextLineIsWhole() throws IOException {
        byte[] huge = new byte[300_000];
        Arrays.fill(huge, (byte) 'x');
        var data = new ByteArrayOutputStream();
        data.writeBytes(huge);
        data.writeBytes("\nafter\n".getBytes(StandardCharsets.UTF_8));

        var lines = readAll(data.toByteArray(), 1000);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).tooLong()).isTrue();
        assertThat(lines.get(0).bytes()).hasSize(1000);
        assertThat(lines.get(1).tooLong()).isFalse();
        assertThat(text(lines.get(1))).isEqualTo("after");
    }

    @Test
    void aTruncatedGzipKeepsTheLinesBeforeTheBreakAndSaysWhy() throws IOException {
        var text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("line-").append(i).append('\n');
        }
        byte[] gzip = RecordCodec.gzip(text.toString().getBytes(StandardCharsets.UTF_8));
        byte[] truncated = Arrays.copyOf(gzip, gzip.length / 2);

        try (var lines = ObjectLines.open(new ByteArrayInputStream(truncated))) {
            var read = drain(lines);
            assertThat(lines.brokenGzip()).contains("gzip stream broken");
            assertThat(read).isNotEmpty().hasSizeLessThan(20_000);
            for (int i = 0; i < read.size() - 1; i++) { // the last one may be cut at the break
                assertThat(text(read.get(i))).isEqualTo("line-" + i);
            }
        }
    }

    @Test
    void aGzipObjectCutInsideItsHeaderIsBrokenNotAnException() throws IOException {
        byte[] gzip = RecordCodec.gzip("x\n".getBytes(StandardCharsets.UTF_8));
        try (var lines = ObjectLines.open(new ByteArrayInputStream(Arrays.copyOf(gzip, 5)))) {
            assertThat(lines.next()).isNull();
            assertThat(lines.brokenGzip()).isNotNull();
        }
    }

    /** The case jqwik found: a vertical tab is not JSON whitespace, so its line is handed on (and rejected later). */
    @Test
    void onlySpacesAndTabsMakeABlankLine() throws IOException {
        var lines = readAll(" \t\n\u000B\n\t x\n".getBytes(StandardCharsets.UTF_8), 1 << 16);
        assertThat(lines).extracting(ObjectLinesTest::text).containsExactly("\u000B", "\t x");
        assertThat(lines).extracting(ObjectLines.Line::number).containsExactly(2L, 3L);
    }

    /** Whatever the lines and however the stream hands out its bytes, every line comes back once, in order. */
    @Property(tries = 200)
    void linesSurviveAnyChunkingPlainOrGzip(@ForAll @Size(max = 40) List<@StringLength(max = 300) String> texts,
                                            @ForAll @IntRange(min = 1, max = 70_000) int chunk,
                                            @ForAll boolean gzip) throws IOException {
        var expected = new ArrayList<String>();
        var data = new ByteArrayOutputStream();
        for (String t : texts) {
            String line = t.replace('\n', ' ').replace('\r', ' ');
            data.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            data.write('\n');
            // blank as the reader means it: JSON whitespace only (String.isBlank would also skip a vertical tab)
            if (!line.chars().allMatch(c -> c == ' ' || c == '\t')) {
                expected.add(new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
            }
        }
        byte[] bytes = gzip ? RecordCodec.gzip(data.toByteArray()) : data.toByteArray();
        InputStream in = new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
        try (var lines = ObjectLines.open(in, 1 << 16)) {
            assertThat(drain(lines)).extracting(ObjectLinesTest::text).containsExactlyElementsOf(expected);
        }
    }

    private static List<ObjectLines.Line> readAll(byte[] data, int max) throws IOException {
        try (var lines = ObjectLines.open(new ByteArrayInputStream(data), max)) {
            return drain(lines);
        }
    }

    private static List<ObjectLines.Line> drain(ObjectLines lines) throws IOException {
        var out = new ArrayList<ObjectLines.Line>();
        for (var line = lines.next(); line != null; line = lines.next()) {
            out.add(line);
        }
        return out;
    }

    private static String text(ObjectLines.Line line) {
        return new String(line.bytes(), StandardCharsets.UTF_8);
    }
}
