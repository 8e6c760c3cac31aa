package io.ecomlog.backend.opensearch;

import io.ecomlog.access.AccessLogParser;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.testing.SampleData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The repository's Apache sample ({@code data/apache/access-combined-2015.log}: elastic/examples
 * apache_logs, first half, 5,000 lines) parsed by the backend's one access-log parser, once per JVM.
 */
final class ApacheSample {

    private static List<EcomEvent> events;
    private static Map<String, Integer> rejected;

    private ApacheSample() {
    }

    static synchronized List<EcomEvent> events() {
        if (events == null) {
            load();
        }
        return events;
    }

    /** Lines the parser refused, by reason. */
    static synchronized Map<String, Integer> rejected() {
        if (rejected == null) {
            load();
        }
        return rejected;
    }

    static synchronized int lines() {
        return events().size() + rejected().values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The events as NDJSON lines, encoded once. */
    static List<byte[]> encoded() {
        var codec = new EventCodec();
        return events().stream().map(codec::encode).toList();
    }

    private static void load() {
        var parser = new AccessLogParser();
        var parsed = new ArrayList<EcomEvent>();
        var refused = new TreeMap<String, Integer>();
        try {
            for (String line : Files.readAllLines(SampleData.file(SampleData.APACHE), StandardCharsets.UTF_8)) {
                var result = parser.parse(line);
                if (result instanceof AccessLogParser.Parsed p) {
                    parsed.add(p.event());
                } else if (result instanceof AccessLogParser.Rejected r) {
                    refused.merge(r.reason(), 1, Integer::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        events = List.copyOf(parsed);
        rejected = refused;
    }
}
