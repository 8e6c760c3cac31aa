package io.ecomlog.backend.flink;

import io.ecomlog.backend.flink.input.ShopEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Counts the events a window dropped as later than its allowed lateness ({@code ecomlog.late_events}); they are
 * in the lake and the batch queries regardless, so here they are only counted.
 */
final class LateEvents extends RichMapFunction<ShopEvent, ShopEvent> {

    private transient Counter late;

    @Override
    public void open(OpenContext openContext) {
        late = getRuntimeContext().getMetricGroup().addGroup("ecomlog").counter("late_events");
    }

    @Override
    public ShopEvent map(ShopEvent event) {
        late.inc();
        return event;
    }
}
