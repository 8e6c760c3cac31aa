package io.ecomlog.backend.flink.kpi;

import io.ecomlog.alert.Alert;
import io.ecomlog.backend.flink.detect.Finding;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Raises {@code revenue_drop} when a shop's revenue in one currency for a minute falls under {@code dropRatio} times
 * its average over the previous {@code historyMinutes} minutes, judged only for a steady series: every one of those
 * minutes had revenue, and their average is at least {@code minAverage}. (A shop with a few orders an hour has empty
 * minutes all the time; a per-minute drop says nothing about it.) Keyed by {@link RevenuePoint#series()}.
 *
 * <p>A minute without orders produces no KPI window at all, and that silence is exactly the drop to catch: so once
 * a series has revenue, an event-time timer walks it minute by minute and counts a minute with no point as zero.
 * The walk stops (and the state is cleared) after {@code historyMinutes} empty minutes in a row, so quiet series
 * cost nothing. Timers fire as the watermark moves, i.e. while the shop (or any other shop) has traffic. At the end
 * of a bounded input (watermark at its maximum) an empty minute counts only if orders came after it.
 */
public final class RevenueDropRule extends KeyedProcessFunction<String, RevenuePoint, Finding> {

    private static final long MINUTE = 60_000;

    private final BigDecimal dropRatio;
    private final int historyMinutes;
    private final BigDecimal minAverage;

    private transient MapState<Long, BigDecimal> pending;
    private transient ListState<BigDecimal> history;
    private transient ValueState<Long> nextMinute;
    private transient ValueState<Integer> emptyMinutes;
    private transient Counter latePoints;

    public RevenueDropRule(BigDecimal dropRatio, int historyMinutes, BigDecimal minAverage) {
        this.dropRatio = dropRatio;
        this.historyMinutes = historyMinutes;
        this.minAverage = minAverage;
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Long.class, BigDecimal.class));
        history = getRuntimeContext().getListState(new ListStateDescriptor<>("history", BigDecimal.class));
        nextMinute = getRuntimeContext().getState(new ValueStateDescriptor<>("next-minute", Long.class));
        emptyMinutes = getRuntimeContext().getState(new ValueStateDescriptor<>("empty-minutes", Integer.class));
        latePoints = getRuntimeContext().getMetricGroup().addGroup("ecomlog").counter("late_revenue_points");
    }

    @Override
    public void processElement(RevenuePoint point, Context ctx, Collector<Finding> out) throws Exception {
        Long next = nextMinute.value();
        if (next != null && point.minuteStart() < next) {
            latePoints.inc(); // that minute was judged already (a window fired again for a late event)
            return;
        }
        pending.put(point.minuteStart(), point.amount());
        if (next == null) {
            nextMinute.update(point.minuteStart());
            ctx.timerService().registerEventTimeTimer(endOf(point.minuteStart()));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Finding> out) throws Exception {
        long minute = nextMinute.value();
        BigDecimal amount = pending.get(minute);
        pending.remove(minute);
        if (amount == null && ctx.timerService().currentWatermark() == Long.MAX_VALUE && pending.isEmpty()) {
            // the end of a bounded input (a replay) is not a silence: stop walking rather than judge empty minutes
            clear();
            return;
        }
        List<BigDecimal> past = new ArrayList<>();
        history.get().forEach(past::add);
        boolean steady = past.size() == historyMinutes && past.stream().allMatch(a -> a.signum() > 0);
        if (steady) {
            BigDecimal average = past.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(historyMinutes), 2, RoundingMode.HALF_UP);
            BigDecimal floor = average.multiply(dropRatio).setScale(2, RoundingMode.HALF_UP);
            BigDecimal now = amount == null ? BigDecimal.ZERO : amount;
            if (average.compareTo(minAverage) >= 0 && now.compareTo(floor) < 0) {
                String key = ctx.getCurrentKey();
                out.collect(new Finding(Alert.Kinds.REVENUE_DROP, "shop_currency", key, 0, floor, now, minute,
                        minute + MINUTE, ctx.timerService().currentProcessingTime(), Alert.Severity.WARNING.name(),
                        ConversionRule.SOURCE,
                        "revenue " + now.toPlainString() + " in the minute is under " + dropRatio.toPlainString()
                                + " x the average " + average.toPlainString() + " of the last " + historyMinutes
                                + " minutes", new String[0]));
            }
        }
        past.add(amount == null ? BigDecimal.ZERO : amount);
        history.update(past.subList(Math.max(0, past.size() - historyMinutes), past.size()));
        int empty = amount == null ? (emptyMinutes.value() == null ? 0 : emptyMinutes.value()) + 1 : 0;
        if (empty >= historyMinutes && pending.isEmpty()) {
            clear();
            return;
        }
        emptyMinutes.update(empty);
        nextMinute.update(minute + MINUTE);
        ctx.timerService().registerEventTimeTimer(endOf(minute + MINUTE));
    }

    private void clear() {
        pending.clear();
        history.clear();
        nextMinute.clear();
        emptyMinutes.clear();
    }

    /** The last millisecond of the minute: its KPI window has fired by the time the watermark gets there. */
    private static long endOf(long minuteStart) {
        return minuteStart + MINUTE - 1;
    }
}
