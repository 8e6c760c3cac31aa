package io.ecomlog.backend.local;

import io.ecomlog.backend.athena.DuckDbLake;
import io.ecomlog.backend.athena.NamedQuery;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The named Athena queries, unchanged, on DuckDB over the curated tables: every one of them for the days of the run.
 * Their parameters are days (first, last, repeated where a query reads two sources), a customer for the order
 * history, and a time range for the failed logins.
 */
public final class NamedReports {

    /** A query's rows, or the error that stopped it. */
    public record Result(NamedQuery query, List<List<Object>> rows, long millis, String error) {
    }

    private NamedReports() {
    }

    static List<Result> runAll(Path curatedRoot, LocalDate first, LocalDate last, String customer) throws Exception {
        var results = new ArrayList<Result>();
        try (var lake = DuckDbLake.open(curatedRoot)) {
            for (var query : NamedQuery.all()) {
                long started = System.nanoTime();
                try {
                    var rows = lake.run(query, parameters(query, lake.parameterCount(query), first, last, customer));
                    results.add(new Result(query, rows, (System.nanoTime() - started) / 1_000_000, null));
                } catch (Exception e) {
                    results.add(new Result(query, List.of(), (System.nanoTime() - started) / 1_000_000,
                            e.getMessage()));
                }
            }
        }
        return results;
    }

    static Object[] parameters(NamedQuery query, int count, LocalDate first, LocalDate last, String customer) {
        return switch (query.name()) {
            case "order_history" -> new Object[]{customer, first.toString(), last.toString(), customer,
                    first.toString(), last.toString()};
            case "failed_logins" -> new Object[]{first.toString(), last.toString(), first + " 00:00:00",
                    last.plusDays(1) + " 00:00:00"};
            default -> {
                // pairs of (first day, last day), one per source the query reads
                var p = new Object[count];
                for (int i = 0; i < p.length; i++) {
                    p[i] = (i % 2 == 0 ? first : last).toString();
                }
                yield p;
            }
        };
    }
}
