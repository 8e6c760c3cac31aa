package io.ecomlog.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The live sales figures of one shop for one event-time window (a minute, as the Flink KPI job computes them):
 * orders, revenue by currency (decimals, never floating point), items sold, the top products by quantity, sessions
 * and the sessions that ordered. The JSON form is described by {@code io/ecomlog/kpi/sales-kpi.schema.json}
 * and written and read by {@link KpiCodec} only; it travels on the alerts stream next to alerts and is told apart by
 * {@code record_type}.
 *
 * @param shop              the shop ({@code app.name} of the events), or {@code "unknown"}
 * @param revenueByCurrency revenue per ISO currency code; orders without a currency count under {@code "XXX"}
 * @param topProducts       the best sellers of the window, most units first
 */
public record SalesKpi(String shop, Instant windowStart, Instant windowEnd, long orders,
                       Map<String, BigDecimal> revenueByCurrency, long itemsSold, List<ProductSales> topProducts,
                       long sessions, long sessionsWithOrder, long events) {

    public static final int CURRENT_SCHEMA_VERSION = 1;
    /** The value of {@code record_type} that marks a KPI record. */
    public static final String RECORD_TYPE = "sales_kpi";
    /** The currency code counted for orders that name none (ISO 4217's "no currency"). */
    public static final String NO_CURRENCY = "XXX";

    /** Units of one product sold in the window. */
    public record ProductSales(String productId, long units) {
        public ProductSales {
            Objects.requireNonNull(productId, "product_id must be set");
        }
    }

    public SalesKpi {
        Objects.requireNonNull(shop, "shop must be set");
        Objects.requireNonNull(windowStart, "window_start must be set");
        Objects.requireNonNull(windowEnd, "window_end must be set");
        windowStart = windowStart.truncatedTo(ChronoUnit.MILLIS);
        windowEnd = windowEnd.truncatedTo(ChronoUnit.MILLIS);
        revenueByCurrency = revenueByCurrency == null ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(revenueByCurrency));
        topProducts = topProducts == null ? List.of() : List.copyOf(topProducts);
        if (sessionsWithOrder > sessions) {
            throw new IllegalArgumentException("sessions_with_order " + sessionsWithOrder + " exceeds sessions "
                    + sessions);
        }
    }

    /** Sessions with an order per session, to four decimal places; zero when there were no sessions. */
    public BigDecimal conversionRate() {
        return sessions == 0 ? BigDecimal.ZERO.setScale(4)
                : BigDecimal.valueOf(sessionsWithOrder).divide(BigDecimal.valueOf(sessions), 4, RoundingMode.HALF_UP);
    }

    /** The id of the figures: one per shop and window, so a re-sent record replaces the first. */
    public String kpiId() {
        return shop + "#" + windowStart.toEpochMilli();
    }
}
