package io.ecomlog.backend.local;

import io.ecomlog.backend.order.OrderHistoryStore;
import io.ecomlog.simulator.SimulationReport;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The demo's reckoning: what the simulator sent against what every store holds — the raw lake, the curated tables,
 * the alerts table, the order history — and the checks that must hold: nothing lost, every injected anomaly alerted,
 * the order history equal to the simulator's own record of orders.
 */
public record DemoReport(SimulationReport sent, LocalBackend.Results results, Map<String, Long> missingByType,
                         List<String> alertsRaised, List<String> missedAlerts, long ordersStored,
                         long customersStored, List<String> orderDifferences, List<String> sampleRecommendations) {

    private static final int DIFFERENCES_SHOWN = 5;

    static DemoReport of(SimulationReport sent, LocalBackend.Results results, LocalBackend backend) {
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
        var expected = new HashMap<String, Set<String>>();
        sent.orders().values().forEach(o -> expected.computeIfAbsent(o.customerKey(), k -> new HashSet<>())
                .add(o.orderId()));
        var differences = new ArrayList<String>();
        var customers = new HashSet<>(expected.keySet());
        customers.addAll(stored.keySet());
        for (var customer : new java.util.TreeSet<>(customers)) {
            var want = expected.getOrDefault(customer, Set.of());
            var have = stored.getOrDefault(customer, Set.of());
            if (!want.equals(have)) {
                differences.add(customer + ": sent " + want.size() + " orders, stored " + have.size());
            }
        }
        long orders = stored.values().stream().mapToLong(Set::size).sum();
        return new DemoReport(sent, results, missing, raised.stream().sorted().toList(), missed, orders,
                stored.size(), differences, sampleRecommendations(backend, 3));
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

    private static Map<String, Set<String>> ordersStored(LocalBackend backend) {
        var stored = new HashMap<String, Set<String>>();
        backend.dynamo().scanPaginator(b -> b.tableName(backend.ordersTable())).items().forEach(item ->
                stored.computeIfAbsent(item.get(OrderHistoryStore.CUSTOMER).s(), k -> new HashSet<>())
                        .add(item.get(OrderHistoryStore.ORDER).s()));
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

    public long arrived() {
        return results.lake().events();
    }

    public long lost() {
        return missingByType.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every check of the demo holds. */
    public boolean ok() {
        return lost() == 0 && sent.lost() == 0 && missedAlerts.isEmpty() && orderDifferences.isEmpty()
                && results.curate().eventsAdded() == arrived() && results.curate().quarantined() == 0;
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
        out.printf("         injected: %s -> %s%n", sent.expectedAlerts(),
                missedAlerts.isEmpty() ? "all alerted" : "NOT ALERTED: " + missedAlerts);
        out.printf("orders   %,d orders of %,d customers in the order history; equal to what the simulator sent: %s%n",
                ordersStored, customersStored, orderDifferences.isEmpty() ? "yes"
                        : "NO " + orderDifferences.subList(0, Math.min(DIFFERENCES_SHOWN, orderDifferences.size())));
        out.printf("ALS      %,d people and %,d products with recommendations%n", results.recommendations().people(),
                results.recommendations().products());
        sampleRecommendations.forEach(r -> out.println("         " + r));
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
