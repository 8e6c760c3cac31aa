package io.ecomlog.local;

import io.ecomlog.backend.athena.DuckDbLake;
import io.ecomlog.backend.athena.NamedQuery;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The named Athena queries, unchanged, on DuckDB over the curated tables: every one of them for the days the data
 * spans (the run's days, or a backfill's history).
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

    /** The first and last day of the curated events (today twice when there are none). */
    static LocalDate[] daysOf(Path curatedRoot) throws Exception {
        var today = LocalDate.now(ZoneOffset.UTC);
        try (var lake = DuckDbLake.open(curatedRoot);
             var st = lake.connection().createStatement();
             var rs = st.executeQuery("SELECT CAST(min(event_date) AS VARCHAR), CAST(max(event_date) AS VARCHAR)"
                     + " FROM events")) {
            rs.next();
            return rs.getString(1) == null ? new LocalDate[]{today, today}
                    : new LocalDate[]{LocalDate.parse(rs.getString(1)), LocalDate.parse(rs.getString(2))};
        }
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
