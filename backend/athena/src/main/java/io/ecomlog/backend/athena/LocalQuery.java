package io.ecomlog.backend.athena;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Runs one named query on DuckDB over a curated folder and prints the rows, tab-separated:
 * <pre>LocalQuery CURATED_DIR QUERY_NAME [PARAMETER...]</pre>
 * e.g. {@code LocalQuery target/curated funnel 2019-10-01 2019-10-31}.
 */
public final class LocalQuery {

    private LocalQuery() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: LocalQuery CURATED_DIR QUERY_NAME [PARAMETER...]; queries: " + NamedQuery.NAMES);
            System.exit(2);
        }
        var query = NamedQuery.load(args[1]);
        Object[] parameters = Arrays.copyOfRange(args, 2, args.length);
        try (var lake = DuckDbLake.open(Path.of(args[0]))) {
            long start = System.nanoTime();
            var rows = lake.run(query, parameters);
            for (var row : rows) {
                System.out.println(row.stream().map(String::valueOf).collect(Collectors.joining("\t")));
            }
            System.err.printf("%d rows in %.1f ms%n", rows.size(), (System.nanoTime() - start) / 1e6);
        }
    }
}
