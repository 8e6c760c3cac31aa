package io.ecomlog.backend.flink.detect;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * A count threshold on one key's window: raises a {@link Finding} when the window holds at least {@code minCount}
 * events. The bot rule ("more than 10 actions") is {@code minCount = 11}; the surge rule ("10 orders or more") is
 * {@code minCount = 10}.
 *
 * @param threshold the threshold as people state it (10 in both examples above), written into the alert
 */
public record CountRule(String kind, String keyType, long minCount, BigDecimal threshold, String severity,
                        String source, String unit) implements Serializable {

    /**
     * The window function that applies this rule to a window's {@link Tally}. A window fired again for a late event
     * raises its finding only if it did not already (per-window state), so late data can add an alert, never repeat
     * one.
     */
    public ProcessWindowFunction<Tally, Finding, String, TimeWindow> asWindowFunction() {
        CountRule rule = this;
        var raisedState = new ValueStateDescriptor<>("raised", Boolean.class);
        return new ProcessWindowFunction<>() {
            @Override
            public void process(String key, Context context, Iterable<Tally> tallies, Collector<Finding> out)
                    throws Exception {
                Tally tally = tallies.iterator().next();
                ValueState<Boolean> raised = context.windowState().getState(raisedState);
                if (tally.count >= rule.minCount && raised.value() == null) {
                    raised.update(Boolean.TRUE);
                    TimeWindow w = context.window();
                    out.collect(new Finding(rule.kind, rule.keyType, key, tally.count, rule.threshold, null,
                            w.getStart(), w.getEnd(), context.currentProcessingTime(), rule.severity, rule.source,
                            tally.count + " " + rule.unit + " in " + (w.getEnd() - w.getStart()) / 1000.0 + " s "
                                    + "(threshold " + rule.threshold.toPlainString() + ")",
                            tally.samples));
                }
            }

            @Override
            public void clear(Context context) {
                context.windowState().getState(raisedState).clear();
            }
        };
    }
}
