package io.ecomlog.backend.athena;

import io.ecomlog.lake.LakeColumn;
import io.ecomlog.lake.LakeTables;
import io.ecomlog.pipeline.EcomlogClient;
import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.SingleColumn;
import io.trino.sql.tree.StringLiteral;
import io.trino.sql.tree.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Figures for docs/benchmarks.md, per named query, over the public samples: the bytes Athena would scan on the raw
 * NDJSON.gz table (whole objects of the partitions the query can prune to: its event types, its days) against the
 * curated Parquet (only the column chunks of the columns it names, in the partitions of its event types and
 * days), and DuckDB's run time (median of 7 after 2 warm-ups). The raw lake is written by the real client
 * ({@link EcomlogClient} into a local lake: ObjectKeys' layout, gzip NDJSON); the curated one by
 * {@link DuckDbLake#curate}.
 *
 * <pre>./mvnw -pl backend/athena -am -Plake-benchmark verify -DskipTests</pre>
 */
public final class LakeScanHarness {

    private static final String FIRST = NamedQueriesOnSamplesTest.FIRST;
    private static final String LAST = NamedQueriesOnSamplesTest.LAST;

    /** {@code [copies]}: each sample event this many times (fresh ids, same times), 1 by default. */
    public static void main(String[] args) throws Exception {
        int copies = args.length > 0 ? Integer.parseInt(args[0]) : Integer.getInteger("copies", 1);
        Path work = Files.createTempDirectory("ecomlog-lake-scan");
        var samples = SampleEvents.all();
        var events = new ArrayList<>(samples);
        for (int c = 1; c < copies; c++) {
            samples.forEach(e -> events.add(e.toBuilder().eventId(null).build()));
        }
        Path raw = work.resolve("raw");
        try (var client = EcomlogClient.builder().localLake(raw).producerId("harness")
                .linger(Duration.ofMillis(200)).shutdownHook(false).build()) {
            events.forEach(client::track);
        }
        try (var lake = DuckDbLake.inMemory()) {
            lake.curate(List.of(SampleEvents.writeNdjson(events, work.resolve("events.ndjson"))),
                    work.resolve("curated"));
            lake.mount(work.resolve("curated"));
            System.out.printf("%d copies of the samples: %,d events; raw lake %,d bytes in %d objects; curated Parquet %,d bytes%n",
                    copies, events.size(), size(files(raw, ".gz")), files(raw, ".gz").size(),
                    size(files(work.resolve("curated"), ".parquet")));
            System.out.println("| query | raw NDJSON.gz scanned (bytes) | Parquet scanned (bytes) | fewer | DuckDB ms |");
            System.out.println("|---|---:|---:|---:|---:|");
            String customer = new PlainAnswers(samples).busiestCustomer();
            for (var query : NamedQuery.all()) {
                var scope = Scope.of(query);
                long rawBytes = size(rawObjects(raw, scope));
                long parquetBytes = parquetBytes(lake, work.resolve("curated"), scope);
                System.out.printf("| %s | %,d | %,d | %.0f× | %.1f |%n", query.name(), rawBytes, parquetBytes,
                        (double) rawBytes / parquetBytes, medianMillis(lake, query, customer));
            }
        }
    }

    /** What a query can prune to: its tables, its event types (all when it names none), the columns it names. */
    record Scope(Set<String> tables, Set<String> eventTypes, Set<String> identifiers) {

        static Scope of(NamedQuery query) {
            var tables = new HashSet<String>();
            var types = new HashSet<String>();
            var names = new HashSet<String>();
            var aliases = new HashSet<String>();
            walk(new SqlParser().createStatement(query.sql()), tables, types, names, aliases);
            // an output name (AS revenue) is no column read, even where a column has that name
            names.removeAll(aliases);
            if (types.isEmpty()) {
                types.addAll(LakeTables.eventTypes());
            }
            return new Scope(tables, types, names);
        }

        private static void walk(Node node, Set<String> tables, Set<String> types, Set<String> names,
                                 Set<String> aliases) {
            if (node instanceof Table t) {
                tables.add(t.getName().getSuffix());
            } else if (node instanceof StringLiteral s && LakeTables.eventTypes().contains(s.getValue())) {
                types.add(s.getValue());
            } else if (node instanceof Identifier i) {
                names.add(i.getValue());
            } else if (node instanceof SingleColumn c && c.getAlias().isPresent()) {
                aliases.add(c.getAlias().get().getValue());
            }
            node.getChildren().forEach(c -> walk(c, tables, types, names, aliases));
        }
    }

    /** Raw objects under the query's event types and days (the parameters' range). */
    private static List<Path> rawObjects(Path raw, Scope scope) throws IOException {
        return files(raw, ".gz").stream().filter(p -> {
            String key = raw.relativize(p).toString();
            String type = value(key, "event_type");
            String day = value(key, "year") + "-" + value(key, "month") + "-" + value(key, "day");
            return scope.eventTypes().contains(type) && day.compareTo(FIRST) >= 0 && day.compareTo(LAST) <= 0;
        }).toList();
    }

    /** Column chunks of the named columns, in the Parquet files of the query's tables, types and days. */
    private static long parquetBytes(DuckDbLake lake, Path curated, Scope scope) throws Exception {
        long bytes = 0;
        for (String table : scope.tables()) {
            var columns = new HashSet<String>();
            var all = table.equals(LakeTables.ORDER_ITEMS_TABLE) ? LakeTables.orderItems() : LakeTables.events();
            all.stream().map(LakeColumn::name).filter(scope.identifiers()::contains).forEach(columns::add);
            for (Path file : DuckDbLake.parquetFiles(curated.resolve(table))) {
                String key = curated.relativize(file).toString();
                String day = value(key, "event_date");
                if (scope.eventTypes().contains(value(key, "event_type")) && day.compareTo(FIRST) >= 0
                        && day.compareTo(LAST) <= 0) {
                    bytes += lake.columnChunkBytes(file).entrySet().stream()
                            .filter(e -> columns.contains(e.getKey())).mapToLong(e -> e.getValue()).sum();
                }
            }
        }
        return bytes;
    }

    private static double medianMillis(DuckDbLake lake, NamedQuery query, String customer) throws Exception {
        Object[] parameters = NamedQueriesOnSamplesTest.parametersFor(query.name(), customer);
        for (int i = 0; i < 2; i++) {
            lake.run(query, parameters);
        }
        double[] times = new double[7];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            lake.run(query, parameters);
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }

    private static String value(String key, String name) {
        for (String part : key.split("/")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        return "";
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return new ArrayList<>(walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList());
        }
    }

    private static long size(List<Path> files) throws IOException {
        long total = 0;
        for (Path p : files) {
            total += Files.size(p);
        }
        return total;
    }
}
