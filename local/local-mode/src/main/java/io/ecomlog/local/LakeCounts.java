package io.ecomlog.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.transport.LocalFolderStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;

/** What the raw lake holds: events by type (each event id once) and the lines that repeated an id. */
public record LakeCounts(Map<String, Long> byType, long objects, long repeats) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static LakeCounts read(Path lake) throws IOException {
        var byType = new TreeMap<String, Long>();
        var ids = new HashSet<String>();
        long objects = 0;
        long repeats = 0;
        if (!Files.isDirectory(lake)) {
            return new LakeCounts(byType, 0, 0);
        }
        var store = new LocalFolderStore(lake);
        for (var key : store.list("")) {
            objects++;
            for (byte[] line : RecordCodec.lines(store.get(key))) {
                var node = JSON.readTree(line);
                if (ids.add(node.path("event_id").asText())) {
                    byType.merge(node.path("event_type").asText(), 1L, Long::sum);
                } else {
                    repeats++;
                }
            }
        }
        return new LakeCounts(byType, objects, repeats);
    }

    public long events() {
        return byType.values().stream().mapToLong(Long::longValue).sum();
    }
}
