package io.ecomlog.backend.flink.kpi;

import io.ecomlog.kpi.KpiCodec;
import io.ecomlog.kpi.SalesKpi;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Turns one shop's window {@link SalesTally} into a {@link SalesKpi} record (JSON, by {@link KpiCodec}) and, on a
 * side output, one {@link RevenuePoint} per currency for the revenue-drop rule. A window fired again for a late
 * event writes its figures again with the same {@code kpi_id}: readers keep the last.
 */
public final class MinuteKpis extends ProcessWindowFunction<SalesTally, byte[], String, TimeWindow> {

    /** Where the per-currency revenue of each window goes. */
    public static final OutputTag<RevenuePoint> REVENUE = new OutputTag<>("revenue-per-minute") {
    };

    private final int topProducts;
    private transient KpiCodec codec;

    public MinuteKpis(int topProducts) {
        this.topProducts = topProducts;
    }

    @Override
    public void process(String shop, Context context, Iterable<SalesTally> tallies, Collector<byte[]> out) {
        if (codec == null) {
            codec = new KpiCodec();
        }
        SalesTally t = tallies.iterator().next();
        TimeWindow w = context.window();
        List<SalesKpi.ProductSales> top = t.unitsByProduct.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(topProducts)
                .map(e -> new SalesKpi.ProductSales(e.getKey(), e.getValue()))
                .toList();
        var kpi = new SalesKpi(shop, Instant.ofEpochMilli(w.getStart()), Instant.ofEpochMilli(w.getEnd()), t.orders,
                t.revenue, t.itemsSold, top, t.sessions.size(), t.sessionsWithOrder.size(), t.events);
        out.collect(codec.encode(kpi));
        t.revenue.forEach((currency, amount) ->
                context.output(REVENUE, new RevenuePoint(shop, currency, w.getStart(), amount)));
    }
}
