package io.ecomlog.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.record.RecordCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Event lines with known ids for pipeline tests, and a reader that gets the ids back out of records. */
final class TestLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestLines() {
    }

    static String id(int i) {
        return String.format("00000000-0000-7000-8000-%012d", i);
    }

    /** A ~300-byte product_viewed line with id {@link #id(int)}. */
    static byte[] line(int i) {
        return line(i, "");
    }

    static byte[] line(int i, String padding) {
        var json = "{\"event_id\":\"" + id(i) + "\",\"event_type\":\"product_viewed\",\"schema_version\":1,"
                + "\"event_time\":\"2026-11-22T10:15:30.123Z\",\"session_id\":\"s-" + (i % 50) + "\","
                + "\"user_id\":\"u-" + (i % 20) + "\",\"product_id\":\"p-" + i + "\",\"name\":\"Smartphone X"
                + padding + "\",\"brand\":\"acme\",\"category\":\"electronics/smartphone\",\"price\":\"199.99\","
                + "\"currency\":\"EUR\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The event ids in these records (plain or gzip NDJSON), in order. */
    static List<String> ids(Collection<byte[]> records) {
        var ids = new ArrayList<String>();
        for (var record : records) {
            for (var line : RecordCodec.lines(record)) {
                try {
                    ids.add(JSON.readTree(line).path("event_id").asText());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return ids;
    }

    static List<String> ids(int from, int to) {
        var ids = new ArrayList<String>();
        for (int i = from; i < to; i++) {
            ids.add(id(i));
        }
        return ids;
    }
}
