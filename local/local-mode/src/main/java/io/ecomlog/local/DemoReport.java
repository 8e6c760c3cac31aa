package io.ecomlog.local;

import io.ecomlog.backend.order.OrderHistoryStore;
import io.ecomlog.backend.spark.als.TimeSplitEvaluation;
import io.ecomlog.publicdata.OnlineRetailParser;
import io.ecomlog.simulator.SimulationReport;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The demo's reckoning: what the simulator sent against what every store holds — the raw lake, the curated tables,
 * the alerts table, the order history — and the checks that must hold: nothing lost, every injected anomaly alerted,
 * the order history equal to an independent reading of the replayed Online Retail file ({@link InputOrders}: each
 * invoice under its customer or guest, its total to the cent, its lines, its cancellation) and, for the orders no
 * file holds (synthetic shoppers, surges, REES46 purchases), to the simulator's own record.
 *
 * @param inputInvoices      invoices of the Online Retail file the run replayed (its first ones), or 0
 * @param inputInvoicesTotal invoices the file holds within the rows read
 * @param notReplayed        rows of the input files not replayed, by {@code file: reason}
 */
public record DemoReport(SimulationReport sent, LocalBackend.Results results, Map<String, Long> missingByType,
                         List<String> alertsRaised, List<String> missedAlerts, long ordersStored,
                         long customersStored, long guestOrders, long inputInvoices, long inputInvoicesTotal,
                         List<String> inputDifferences, Map<String, Long> notReplayed, List<String> orderDifferences,
                         List<String> sampleRecommendations) {

    private static final int DIFFERENCES_SHOWN = 5;

    static DemoReport of(SimulationReport sent, LocalBackend.Results results, LocalBackend backend,
                         InputOrders input) {
        var missing = new TreeMap<String, Long>();
        sent.sentByType().forEach((type, n) -> {
            long arrived = results.lake().byType().getOrDefault(type, 0L);
            if (arrived != n) {
                missing.put(type, n - arrived);
            }
        });
        var raised = alertsRaised(backend);
        var missed = sent.expectedAlerts().stream().map(Object::toString).filter(e -> !raised.contains(e)).toList();
        var stored = ordersStored(backend);
        var inputIds = new HashSet<String>();
        var inputDifferences = new ArrayList<String>();
        var notReplayed = new TreeMap<>(sent.rejectedRows());
        long reached = sent.replayed().getOrDefault(OnlineRetailParser.SOURCE, 0L);
        var expected = new HashMap<String, Set<String>>();
        if (input != null) {
            input.invoices().forEach(i -> inputIds.add(i.invoice()));
            for (int n = 0; n < input.invoices().size(); n++) {
                var invoice = input.invoices().get(n);
                if (n >= reached) {
                    notReplayed.merge(OnlineRetailParser.SOURCE + ": not reached in the run's time", (long) invoice.rows(),
                            Long::sum);
                    continue;
                }
                expected.computeIfAbsent(invoice.customerKey(), k -> new HashSet<>()).add(invoice.invoice());
                var item = stored.getOrDefault(invoice.customerKey(), Map.of()).get(invoice.invoice());
                String difference = item == null ? "not in the order history" : differenceOf(invoice, item);
                if (difference != null) {
                    inputDifferences.add(invoice.invoice() + " of " + invoice.customerKey() + ": " + difference);
                }
            }
        }
        sent.orders().values().stream().filter(o -> !inputIds.contains(o.orderId())).forEach(o ->
                expected.computeIfAbsent(o.customerKey(), k -> new HashSet<>()).add(o.orderId()));
        var differences = new ArrayList<String>();
        var customers = new TreeSet<>(expected.keySet());
        customers.addAll(stored.keySet());
        for (var customer : customers) {
            var want = expected.getOrDefault(customer, Set.of());
            var have = stored.getOrDefault(customer, Map.of()).keySet();
            if (!want.equals(have)) {
                differences.add(customer + ": sent " + want.size() + " orders, stored " + have.size());
            }
        }
        long orders = stored.values().stream().mapToLong(Map::size).sum();
        long guests = stored.entrySet().stream().filter(e -> OrderHistoryStore.isGuest(e.getKey()))
                .mapToLong(e -> e.getValue().size()).sum();
        return new DemoReport(sent, results, missing, raised.stream().sorted().toList(), missed, orders,
                stored.size(), guests, Math.min(reached, input == null ? 0 : input.invoices().size()),
                input == null ? 0 : input.invoices().size(), inputDifferences, notReplayed, differences,
                sampleRecommendations(backend, 3));
    }

    /** How a stored order differs from the invoice the file holds, or null. */
    private static String differenceOf(InputOrders.Invoice invoice, Map<String, AttributeValue> item) {
        var total = item.get("total") == null ? null : new BigDecimal(item.get("total").n());
        if (total == null || total.compareTo(invoice.total()) != 0) {
            return "total " + total + ", the file says " + invoice.total().stripTrailingZeros().toPlainString();
        }
        int lines = item.get("line_count") == null ? 0 : Integer.parseInt(item.get("line_count").n());
        if (lines != invoice.productLines()) {
            return lines + " lines, the file says " + invoice.productLines();
        }
        boolean cancelled = OrderHistoryStore.Status.CANCELLED.name().equals(item.get("status").s());
        if (cancelled != invoice.creditNote()) {
            return (cancelled ? "cancelled" : "not cancelled") + ", the file says the opposite";
        }
        return null;
    }

    /** Every alert in the alerts table (published, held back by a cooldown, or a duplicate) as "kind key". */
    private static List<String> alertsRaised(LocalBackend backend) {
        var raised = new ArrayList<String>();
        backend.dynamo().scanPaginator(b -> b.tableName(backend.alertsTable())).items().forEach(item -> {
            var pk = item.get("pk").s();
            if (pk.startsWith("alert#") && item.containsKey("kind") && item.containsKey("key")) {
                String key = item.get("key").s();
                raised.add(item.get("kind").s() + " " + key.substring(key.indexOf(':') + 1));
            }
        });
        return raised;
    }

    /** Customer key → order id → the stored item. */
    private static Map<String, Map<String, Map<String, AttributeValue>>> ordersStored(LocalBackend backend) {
        var stored = new HashMap<String, Map<String, Map<String, AttributeValue>>>();
        backend.dynamo().scanPaginator(b -> b.tableName(backend.ordersTable())).items().forEach(item ->
                stored.computeIfAbsent(item.get(OrderHistoryStore.CUSTOMER).s(), k -> new HashMap<>())
                        .put(item.get(OrderHistoryStore.ORDER).s(), item));
        return stored;
    }

    private static List<String> sampleRecommendations(LocalBackend backend, int people) {
        var out = new ArrayList<String>();
        for (var item : backend.dynamo().scanPaginator(b -> b.tableName(backend.recommendationsTable())).items()) {
            if (out.size() == people) {
                break;
            }
            String pk = item.get("pk").s();
            if (pk.startsWith("user#")) {
                String products = item.get("items").l().stream().limit(5).map(AttributeValue::m)
                        .map(m -> m.get("product_id").s()).collect(Collectors.joining(", "));
                out.add(pk.substring("user#".length()) + " -> " + products);
            }
        }
        return out;
    }

    private static String scores(TimeSplitEvaluation.Scores s) {
        return String.format("%.4f / %.4f / %.4f", s.precision(), s.recall(), s.map());
    }

    public long arrived() {
        return results.lake().events();
    }

    public long lost() {
        return missingByType.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every check of the demo holds. */
    public boolean ok() {
        return lost() == 0 && sent.lost() == 0 && missedAlerts.isEmpty() && orderDifferences.isEmpty()
                && inputDifferences.isEmpty()
                && results.curate().eventsAdded() == arrived() && results.curate().quarantined() == 0
                && (results.search() == null || results.search().searchable() == arrived()
                    && results.search().deadLettered() == 0);
    }

    void print(PrintStream out) {
        out.println();
        out.println("==================== ecomlog local mode: summary ====================");
        out.printf("events   sent %,d | arrived in the lake %,d | lost %,d%s | lost by the client %,d%n", sent.sent(),
                arrived(), lost(), missingByType.isEmpty() ? "" : " " + missingByType, sent.lost());
        out.printf("         curated by the Spark ETL: %,d events (%,d quarantined)%n", results.curate().eventsAdded(),
                results.curate().quarantined());
        var byKind = new TreeMap<String, Long>();
        alertsRaised.forEach(a -> byKind.merge(a.substring(0, a.indexOf(' ')), 1L, Long::sum));
        out.printf("alerts   raised %d %s; published %d (the rest held back by the cooldown or repeats)%n",
                alertsRaised.size(), byKind, results.alerts().size());
        if (sent.expectedAlerts().isEmpty()) {
            out.println("         injected: nothing (a backfill replays the files only)");
        } else {
            out.printf("         injected: %s -> %s%n", sent.expectedAlerts(),
                    missedAlerts.isEmpty() ? "all alerted" : "NOT ALERTED: " + missedAlerts);
        }
        out.printf("orders   %,d orders of %,d customers in the order history, %,d of them guest orders%n",
                ordersStored, customersStored, guestOrders);
        if (inputInvoicesTotal > 0) {
            out.printf("         Online Retail: %,d of the file's %,d invoices replayed; equal to an independent reading"
                    + " of the file (customer or guest, total to the cent, lines, cancellations): %s%n",
                    inputInvoices, inputInvoicesTotal, inputDifferences.isEmpty() ? "yes"
                            : "NO " + inputDifferences.subList(0, Math.min(DIFFERENCES_SHOWN, inputDifferences.size())));
        }
        out.printf("         other orders (shoppers, surges, REES46 purchases) equal to what the simulator sent: %s%n",
                orderDifferences.isEmpty() ? "yes"
                        : "NO " + orderDifferences.subList(0, Math.min(DIFFERENCES_SHOWN, orderDifferences.size())));
        out.printf("         rows not replayed: %s%n", notReplayed.isEmpty() ? "none" : notReplayed);
        out.printf("ALS      %,d people and %,d products with recommendations%n", results.recommendations().people(),
                results.recommendations().products());
        sampleRecommendations.forEach(r -> out.println("         " + r));
        var evaluation = results.evaluation();
        if (evaluation != null) {
            out.printf("         evaluated on the original dates, cut-off %s, %,d customers scored (known before, buying"
                    + " after); precision@10 / recall@10 / MAP@10:%n", evaluation.cutOff().toInstant(),
                    evaluation.als().persons());
            out.printf("         ALS %s | most popular %s | buy again %s%n", scores(evaluation.als()),
                    scores(evaluation.mostPopular()), scores(evaluation.buyAgain()));
        }
        var search = results.search();
        if (search != null) {
            out.printf("search   %,d documents searchable of %,d events (%,d indexed, %,d dead-lettered, rejected %s);"
                            + " indexing %.1f s, %,.0f documents/s; node started in %.1f s%n", search.searchable(),
                    arrived(), search.indexed(), search.deadLettered(),
                    search.rejected().isEmpty() ? "none" : search.rejected(), search.indexingMillis() / 1000.0,
                    search.documentsPerSecond(), search.nodeStartMillis() / 1000.0);
            search.queries().forEach((name, latency) -> out.printf("         query %-8s %s (%d runs)%n", name,
                    latency, latency.runs()));
        }
        out.printf("backend  %,d lake objects to the functions (%d retried); finishing took %s%n",
                results.eventObjects(), results.deliveryRetries(), results.stepMillis().entrySet().stream()
                        .map(e -> e.getKey() + " " + String.format("%.1f s", e.getValue() / 1000.0))
                        .collect(Collectors.joining(", ")));
        out.println();
        out.println("named queries (DuckDB over the curated tables; first rows):");
        for (var q : results.queries()) {
            out.printf("  %-36s %4d rows %5d ms%s%n", q.query().name(), q.rows().size(), q.millis(),
                    q.error() == null ? "" : "  ERROR " + q.error());
            q.rows().stream().limit(3).forEach(row -> out.println("      " + row.stream().map(String::valueOf)
                    .collect(Collectors.joining(" | "))));
        }
        out.println();
        out.println(ok() ? "OK: every event arrived, every injected anomaly was alerted, the order history matches"
                : "CHECK FAILED: see above");
    }
}
