package io.ecomlog.backend.flink.kpi;

import io.ecomlog.alert.Alert;
import io.ecomlog.backend.flink.detect.Finding;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Raises {@code conversion_drop} when a shop's conversion over a window (an hour by default: sessions with an order
 * per session) falls below {@code threshold}, once the window saw at least {@code minSessions} sessions (fewer
 * sessions say nothing about conversion; the threshold would fire every quiet hour).
 */
public final class ConversionRule extends ProcessWindowFunction<SalesTally, Finding, String, TimeWindow> {

    static final String SOURCE = "flink:sales-kpis";

    private final BigDecimal threshold;
    private final long minSessions;

    public ConversionRule(BigDecimal threshold, long minSessions) {
        this.threshold = threshold;
        this.minSessions = minSessions;
    }

    @Override
    public void process(String shop, Context context, Iterable<SalesTally> tallies, Collector<Finding> out) {
        SalesTally t = tallies.iterator().next();
        long sessions = t.sessions.size();
        if (sessions < minSessions || sessions == 0) {
            return;
        }
        BigDecimal rate = BigDecimal.valueOf(t.sessionsWithOrder.size())
                .divide(BigDecimal.valueOf(sessions), 4, RoundingMode.HALF_UP);
        if (rate.compareTo(threshold) < 0) {
            TimeWindow w = context.window();
            out.collect(new Finding(Alert.Kinds.CONVERSION_DROP, "shop", shop, sessions, threshold, rate,
                    w.getStart(), w.getEnd(), context.currentProcessingTime(), Alert.Severity.WARNING.name(), SOURCE,
                    "conversion " + rate.toPlainString() + " (" + t.sessionsWithOrder.size() + " of " + sessions
                            + " sessions ordered) is under " + threshold.toPlainString(), new String[0]));
        }
    }
}
