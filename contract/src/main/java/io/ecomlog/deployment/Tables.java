package io.ecomlog.deployment;

import java.util.List;

/**
 * The backend's DynamoDB tables, each described once (see {@link TableSpec}). There is no idempotency table: the
 * writers are idempotent by their own keys (order updates are conditioned on the event id, alerts are keyed by rule,
 * key and window, index documents by event id), so a redelivered record needs no extra read and write per record.
 * The alerter's window counters are the exception, by choice: a redelivered batch counts again, which can raise an
 * alert early but never loses one.
 */
public final class Tables {

    /** The order history's index of a customer's orders by time ({@code placed_sort}). */
    public static final String ORDERS_BY_TIME = "by_time";

    /**
     * The order history: one item per order ({@code order_id}) under its customer ({@code customer}:
     * {@code user#<user_id>}, or {@code guest#<anonymous_id>} for guests), newest first through the {@code by_time}
     * index on {@code placed_sort} ({@code <placed_at>#<order_id>}). Written by the order-history function, read by
     * the order API.
     */
    public static final TableSpec ORDERS = new TableSpec("orders", "customer", "order_id",
            List.of(new TableSpec.LocalIndex(ORDERS_BY_TIME, "placed_sort")), null);

    /** The alerter's state: per-rule counters and cool-downs under {@code pk}, expiring at {@code expires_at}. */
    public static final TableSpec ALERTS = new TableSpec("alerts", "pk", null, List.of(), "expires_at");

    /**
     * The recommendation job's output: {@code pk} is {@code user#<id>} (top products) or {@code product#<id>}
     * (similar products), rewritten on each run.
     */
    public static final TableSpec RECOMMENDATIONS = new TableSpec("recommendations", "pk", null, List.of(), null);

    private Tables() {
    }

    public static List<TableSpec> all() {
        return List.of(ORDERS, ALERTS, RECOMMENDATIONS);
    }
}
