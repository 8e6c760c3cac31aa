package io.ecomlog.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.metrics.DeliveryStats;
import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.publicdata.ParseResult;
import io.ecomlog.publicdata.PublicData;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.transport.LocalFolderStore;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An example of the client on its own: parses three public data samples (REES46 clickstream, UCI Online Retail
 * invoices, an Apache access log) into typed events, sends them through an {@link EcomlogClient} into the local data lake, closes the
 * client, reads the lake back and prints what arrived, type by type, next to what was parsed and sent.
 *
 * <pre>
 * LakeRoundTrip [lake-folder [data-folder]]
 * </pre>
 * The lake defaults to {@code target/demo-lake} under the working directory; the data folder to the repository's
 * {@code data} ({@link PublicData#findDataDir()}). Each run writes
 * its objects under its own producer id and counts only those, so running it twice into the same lake still adds up.
 */
public final class LakeRoundTrip {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LakeRoundTrip() {
    }

    public static void main(String[] args) throws IOException {
        Path lake = Path.of(args.length > 0 ? args[0] : "target/demo-lake");
        Path data = args.length > 1 ? Path.of(args[1]) : PublicData.findDataDir();
        var summary = run(data, lake, System.out);
        if (!summary.complete()) {
            throw new IllegalStateException("the lake does not hold every event that was parsed: see the table above");
        }
    }

    /** Parses, sends, closes, reads the lake back and prints the tables to {@code out}. */
    public static Summary run(Path dataDir, Path lake, PrintStream out) throws IOException {
        var parses = PublicData.parseAll(dataDir);
        var producerId = "demo-" + System.currentTimeMillis() + "-" + ProcessHandle.current().pid();

        var parsedByType = new TreeMap<String, Long>();
        var sentByType = new TreeMap<String, Long>();
        long refused = 0;
        long started = System.nanoTime();
        boolean closedInTime;
        DeliveryStats stats;
        var client = EcomlogClient.builder()
                .localLake(lake)
                .producerId(producerId)
                .linger(Duration.ofMillis(200))
                .shutdownHook(false)
                .build();
        try {
            for (var parse : parses) {
                for (EcomEvent event : parse.events()) {
                    var type = event.eventType().wireName();
                    parsedByType.merge(type, 1L, Long::sum);
                    if (client.track(event)) {
                        sentByType.merge(type, 1L, Long::sum);
                    } else {
                        refused++;
                    }
                }
            }
        } finally {
            closedInTime = client.close(Duration.ofSeconds(30));
            stats = client.stats();
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        var lakeCounts = readLake(lake, producerId);
        var summary = new Summary(lake.toAbsolutePath().normalize(), producerId, parses, parsedByType, sentByType,
                refused, lakeCounts, stats, closedInTime, elapsedMillis);
        summary.print(dataDir, out);
        return summary;
    }

    /** Counts this run's objects in the lake: events (lines), objects and bytes per event type. */
    static Map<String, LakeCount> readLake(Path lake, String producerId) throws IOException {
        var store = new LocalFolderStore(lake);
        var counts = new TreeMap<String, LakeCount>();
        for (var key : store.list("")) {
            var fileName = key.substring(key.lastIndexOf('/') + 1);
            if (!fileName.startsWith(producerId + "-") || !fileName.endsWith(".ndjson.gz")) {
                continue; // another run's object
            }
            var partitionType = partitionValue(key, "event_type");
            byte[] body = store.get(key);
            var count = counts.computeIfAbsent(partitionType, t -> new LakeCount());
            count.objects++;
            count.bytes += body.length;
            for (byte[] line : RecordCodec.lines(body)) {
                var node = JSON.readTree(line);
                var type = node.path("event_type").asText();
                if (!type.equals(partitionType)) {
                    count.misplaced++;
                }
                if (!count.ids.add(node.path("event_id").asText())) {
                    count.duplicates++;
                }
                count.events++;
            }
        }
        return counts;
    }

    private static String partitionValue(String key, String name) {
        for (var part : key.split("/")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        return "(none)";
    }

    /** What the lake holds of one event type. */
    public static final class LakeCount {
        long events;
        long objects;
        long bytes;
        long duplicates;
        long misplaced;
        final Set<String> ids = new HashSet<>();

        public long events() {
            return events;
        }

        public long objects() {
            return objects;
        }

        public long bytes() {
            return bytes;
        }

        /** Lines whose event id was already seen. */
        public long duplicates() {
            return duplicates;
        }

        /** Lines whose event_type differs from their object's partition. */
        public long misplaced() {
            return misplaced;
        }
    }

    /** Everything the demo counted. */
    public record Summary(Path lake, String producerId, List<ParseResult> parses, Map<String, Long> parsedByType,
                          Map<String, Long> sentByType, long refused, Map<String, LakeCount> lakeByType,
                          DeliveryStats stats, boolean closedInTime, long elapsedMillis) {

        public long parsed() {
            return parsedByType.values().stream().mapToLong(Long::longValue).sum();
        }

        public long sent() {
            return sentByType.values().stream().mapToLong(Long::longValue).sum();
        }

        public long rejected() {
            return parses.stream().mapToLong(ParseResult::rejectedTotal).sum();
        }

        public long inLake() {
            return lakeByType.values().stream().mapToLong(LakeCount::events).sum();
        }

        public long inLake(String type) {
            var count = lakeByType.get(type);
            return count == null ? 0 : count.events;
        }

        /** Every parsed event was taken, is in the lake once, in its type's partition, and nothing was dropped. */
        public boolean complete() {
            return refused == 0 && stats.droppedTotal() == 0 && parsedByType.equals(sentByType)
                    && parsedByType.keySet().stream().allMatch(t -> inLake(t) == parsedByType.get(t))
                    && inLake() == parsed()
                    && lakeByType.values().stream().allMatch(c -> c.duplicates == 0 && c.misplaced == 0);
        }

        void print(Path dataDir, PrintStream out) {
            out.println();
            out.println("ecomlog local demo");
            out.println("  data: " + dataDir);
            out.println("  lake: " + lake + "  (this run's objects: " + producerId + "-*.ndjson.gz)");
            out.println();
            out.printf("%-16s %8s %8s %9s  %s%n", "input", "rows", "events", "rejected", "rejected rows / tolerated gaps");
            for (var p : parses) {
                out.printf("%-16s %8d %8d %9d  %s%n", p.source(), p.rows(), p.events().size(), p.rejectedTotal(),
                        p.rejected().isEmpty() ? "-" : p.rejected());
                if (!p.tolerated().isEmpty()) {
                    out.printf("%-16s %8s %8s %9s  kept: %s%n", "", "", "", "", p.tolerated());
                }
            }
            out.println();
            out.printf("%-18s %8s %8s %8s %8s %10s%n", "event_type", "parsed", "sent", "in lake", "objects", "bytes");
            var types = new TreeSet<String>(parsedByType.keySet());
            types.addAll(lakeByType.keySet());
            long objects = 0, bytes = 0;
            for (var type : types) {
                var lakeCount = lakeByType.getOrDefault(type, new LakeCount());
                objects += lakeCount.objects;
                bytes += lakeCount.bytes;
                out.printf("%-18s %8d %8d %8d %8d %10d%n", type, parsedByType.getOrDefault(type, 0L),
                        sentByType.getOrDefault(type, 0L), lakeCount.events, lakeCount.objects, lakeCount.bytes);
            }
            out.printf("%-18s %8d %8d %8d %8d %10d%n", "total", parsed(), sent(), inLake(), objects, bytes);
            out.println();
            out.printf("parsed %d events from %d rows (rows rejected: %d); sent %d, refused by the client %d;"
                    + " %d in the lake after close (%d ms, closed in time: %s)%n", parsed(),
                    parses.stream().mapToLong(ParseResult::rows).sum(), rejected(), sent(), refused, inLake(),
                    elapsedMillis, closedInTime);
            out.printf("client stats: accepted %d, dropped %d %s, queued %d%n", stats.accepted(),
                    stats.droppedTotal(), nonZero(stats.dropped()), stats.queuedEvents());
            for (var d : stats.destinations()) {
                out.printf("  %s: sent %d, objects %d, bytes %d, calls %d, failed calls %d, retried %d,"
                                + " backed up %d, spooled %d, breaker %s%n", d.name(), d.sent(), d.records(),
                        d.bytes(), d.calls(), d.failedCalls(), d.retried(), d.backedUpTotal(), d.spooled(),
                        d.breaker());
            }
            out.println(complete()
                    ? "OK: every parsed event is in the lake exactly once, nothing was dropped"
                    : "MISMATCH: compare the columns above");
        }

        private static Map<?, Long> nonZero(Map<?, Long> counts) {
            var out = new TreeMap<String, Long>();
            counts.forEach((k, v) -> {
                if (v != 0) {
                    out.put(String.valueOf(k), v);
                }
            });
            return out;
        }
    }
}
