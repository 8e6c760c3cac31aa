package io.ecomlog.backend.flink.kpi;

import io.ecomlog.backend.flink.detect.InPlaceAggregation;
import io.ecomlog.backend.flink.input.ShopEvent;
import io.ecomlog.kpi.SalesKpi;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * The running sales figures of one shop's window: events, orders, revenue by currency (exact decimals), units per
 * product, and the distinct sessions with and without an order. A window holds one entry per session it saw, which
 * for a minute or an hour of one shop is small. The session sets are maps to {@code true} because Flink has its own
 * serializer for maps and none for sets (a set would fall back to Kryo): see {@link #TYPE}.
 */
public final class SalesTally {

    /** The state type with every field on a Flink serializer. */
    public static final TypeInformation<SalesTally> TYPE = Types.POJO(SalesTally.class, Map.of(
            "events", Types.LONG, "orders", Types.LONG, "itemsSold", Types.LONG,
            "revenue", Types.MAP(Types.STRING, Types.BIG_DEC),
            "unitsByProduct", Types.MAP(Types.STRING, Types.LONG),
            "sessions", Types.MAP(Types.STRING, Types.BOOLEAN),
            "sessionsWithOrder", Types.MAP(Types.STRING, Types.BOOLEAN)));

    public long events;
    public long orders;
    public long itemsSold;
    public Map<String, BigDecimal> revenue = new HashMap<>();
    public Map<String, Long> unitsByProduct = new HashMap<>();
    public Map<String, Boolean> sessions = new HashMap<>();
    public Map<String, Boolean> sessionsWithOrder = new HashMap<>();

    void add(ShopEvent e, boolean countProducts) {
        events++;
        if (e.session() != null) {
            sessions.put(e.session(), Boolean.TRUE);
        }
        if (!e.isOrder()) {
            return;
        }
        orders++;
        itemsSold += e.units();
        if (e.session() != null) {
            sessionsWithOrder.put(e.session(), Boolean.TRUE);
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
        sessions.putAll(other.sessions);
        sessionsWithOrder.putAll(other.sessionsWithOrder);
    }

    /** Adds a shop's events into a {@link SalesTally}; {@code countProducts} off for windows that need no ranking. */
    public static final class Aggregation extends InPlaceAggregation<ShopEvent, SalesTally> {
        public Aggregation(boolean countProducts) {
            super(SalesTally::new, (tally, event) -> tally.add(event, countProducts), SalesTally::addAll);
        }
    }
}
