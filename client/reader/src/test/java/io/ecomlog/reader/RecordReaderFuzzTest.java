package io.ecomlog.reader;

import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.Events;
import io.ecomlog.event.LogRecord;
import io.ecomlog.record.RecordCodec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a record holds next to a good event — random bytes, invalid UTF-8, CRLF log injection, JSON bombs (deep
 * nesting, huge numbers, huge strings), truncated gzip, foreign JSON — the reader never throws, counts it as a
 * rejection, and keeps the good event.
 */
class RecordReaderFuzzTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final EcomEvent GOOD = Events.log(LogRecord.builder("INFO", "good").build()).build();

    private final RecordReader reader = new RecordReader(CODEC);

    @Property(tries = 300)
    void aBadLineNeverCostsTheGoodOneBesideIt(@ForAll("hostile") byte[] bad, @ForAll boolean gzip) {
        var data = new ByteArrayOutputStream();
        data.writeBytes(CODEC.encode(GOOD));
        data.write('\n');
        data.writeBytes(bad);
        data.write('\n');
        data.writeBytes(CODEC.encode(GOOD));
        data.write('\n');
        byte[] record = gzip ? RecordCodec.gzip(data.toByteArray()) : data.toByteArray();

        var read = reader.read(record);

        assertThat(read.events()).filteredOn(GOOD::equals).hasSize(2);
        assertThat(read.events().size() + read.rejected().size()).isGreaterThanOrEqualTo(2);
    }

    @Property(tries = 200)
    void aBrokenRecordIsOneRejectionNotAnException(@ForAll("hostile") byte[] content) {
        byte[] gz = RecordCodec.gzip(content.length == 0 ? new byte[] {'x'} : content);
        byte[] truncated = java.util.Arrays.copyOf(gz, gz.length - 5);

        var read = reader.read(truncated);

        assertThat(read.rejected()).isNotEmpty();
    }

    @Provide
    Arbitrary<byte[]> hostile() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(3000).map(RecordReaderFuzzTest::noNewline),
                Arbitraries.strings().ofMaxLength(500).map(s -> bytes(noNewline(s))),
                Arbitraries.integers().between(1, 5000).map(depth -> bytes("{\"a\":".repeat(depth) + "1"
                        + "}".repeat(depth))),
                Arbitraries.integers().between(1, 5000).map(n -> bytes("{\"event_type\":\"log\",\"message\":\"m\","
                        + "\"level\":\"INFO\",\"value\":" + "9".repeat(n) + "}")),
                Arbitraries.integers().between(1, 200_000).map(n -> bytes("{\"event_type\":\"log\",\"message\":\""
                        + "x".repeat(n) + "\",\"level\":\"INFO\"}")),
                Arbitraries.of(List.of(bytes("{\"level\":\"INFO\",\"msg\":\"foreign\"}"),
                        bytes("GET / HTTP/1.1\r\nHost: evil\r\n"), bytes("{\"event_type\":\"order_completed\"}"),
                        new byte[] {(byte) 0xc3, (byte) 0x28, '{', '}'}, new byte[] {0x1f, (byte) 0x8b, 8, 0})));
    }

    private static byte[] noNewline(byte[] b) {
        var copy = b.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == '\n') {
                copy[i] = ' ';
            }
        }
        return copy;
    }

    private static String noNewline(String s) {
        return s.replace('\n', ' ');
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
