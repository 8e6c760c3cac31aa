package io.ecomlog.backend.flink.kpi;

import io.ecomlog.backend.flink.detect.InPlaceAggregation;
import io.ecomlog.backend.flink.input.ShopEvent;
import io.ecomlog.backend.kpi.SalesKpi;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The running sales figures of one shop's window: events, orders, revenue by currency (exact decimals), units per
 * product, and the distinct sessions with and without an order. The sets are why this is heap state: a window holds
 * one entry per session it saw, which for a minute or an hour of one shop is small.
 */
public final class SalesTally {

    public long events;
    public long orders;
    public long itemsSold;
    public Map<String, BigDecimal> revenue = new HashMap<>();
    public Map<String, Long> unitsByProduct = new HashMap<>();
    public Set<String> sessions = new HashSet<>();
    public Set<String> sessionsWithOrder = new HashSet<>();

    void add(ShopEvent e, boolean countProducts) {
        events++;
        if (e.session() != null) {
            sessions.add(e.session());
        }
        if (!e.isOrder()) {
            return;
        }
        orders++;
        itemsSold += e.units();
        if (e.session() != null) {
            sessionsWithOrder.add(e.session());
        }
        if (e.amount() != null) {
            revenue.merge(e.currency() == null ? SalesKpi.NO_CURRENCY : e.currency(), e.amount(), BigDecimal::add);
        }
        if (countProducts) {
            for (int i = 0; i < e.productIds().length; i++) {
                if (e.productIds()[i] != null) {
                    unitsByProduct.merge(e.productIds()[i], (long) e.productUnits()[i], Long::sum);
                }
            }
        }
    }

    void addAll(SalesTally other) {
        events += other.events;
        orders += other.orders;
        itemsSold += other.itemsSold;
        other.revenue.forEach((c, a) -> revenue.merge(c, a, BigDecimal::add));
        other.unitsByProduct.forEach((p, u) -> unitsByProduct.merge(p, u, Long::sum));
        sessions.addAll(other.sessions);
        sessionsWithOrder.addAll(other.sessionsWithOrder);
    }

    /** Adds a shop's events into a {@link SalesTally}; {@code countProducts} off for windows that need no ranking. */
    public static final class Aggregation extends InPlaceAggregation<ShopEvent, SalesTally> {
        public Aggregation(boolean countProducts) {
            super(SalesTally::new, (tally, event) -> tally.add(event, countProducts), SalesTally::addAll);
        }
    }
}
