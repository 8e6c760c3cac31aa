package io.ecomlog.spring;

import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.testing.KinesisRecordData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads events back from a local lake folder or from Kinesis records, independently of the starter. */
public final class TestLake {

    private static final EventCodec CODEC = new EventCodec();

    private TestLake() {
    }

    public static List<EcomEvent> read(Path lake) {
        if (!Files.isDirectory(lake)) {
            return List.of();
        }
        var events = new ArrayList<EcomEvent>();
        try (Stream<Path> files = Files.walk(lake)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ndjson.gz")).toList()) {
                for (byte[] line : RecordCodec.lines(Files.readAllBytes(f))) {
                    events.add(CODEC.decode(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    static List<EcomEvent> read(List<KinesisRecordData> records) {
        var events = new ArrayList<EcomEvent>();
        for (var r : records) {
            for (byte[] line : RecordCodec.lines(r.data())) {
                events.add(CODEC.decode(line));
            }
        }
        return events;
    }

    static List<EcomEvent> ofType(List<EcomEvent> events, EventType type) {
        return events.stream().filter(e -> e.eventType() == type).toList();
    }
}
