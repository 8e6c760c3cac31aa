package io.ecomlog.backend.spark.etl;

import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.record.ObjectKeys;
import io.ecomlog.record.RecordCodec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A raw lake folder written the way the client writes one: events grouped by type and hour into gzip NDJSON objects
 * named by core's {@link ObjectKeys}; plus raw objects of any content, for bad input.
 */
final class RawLake {

    private final Path root;
    private final EventCodec codec = new EventCodec();

    RawLake(Path root) {
        this.root = root;
    }

    /** Writes the events as one object per type and hour from {@code producer}; returns the object paths. */
    List<Path> write(List<EcomEvent> events, String producer) throws IOException {
        var groups = new LinkedHashMap<String, List<EcomEvent>>();
        for (var e : events) {
            groups.computeIfAbsent(e.eventType().wireName() + "@" + ObjectKeys.hourOf(e.eventTime()),
                    k -> new ArrayList<>()).add(e);
        }
        var written = new ArrayList<Path>();
        for (Map.Entry<String, List<EcomEvent>> group : groups.entrySet()) {
            var first = group.getValue().get(0);
            String key = ObjectKeys.key("", first.eventType().wireName(), first.eventTime(), producer,
                    first.eventId().toString());
            written.add(put(key, RecordCodec.gzip(ndjson(group.getValue()))));
        }
        return written;
    }

    byte[] ndjson(List<EcomEvent> events) throws IOException {
        var out = new ByteArrayOutputStream();
        for (var e : events) {
            codec.write(e, out);
            out.write('\n');
        }
        return out.toByteArray();
    }

    String line(EcomEvent event) {
        return new String(codec.encode(event), StandardCharsets.UTF_8);
    }

    Path put(String key, byte[] body) throws IOException {
        Path file = root.resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, body);
        return file;
    }

    Path root() {
        return root;
    }
}
