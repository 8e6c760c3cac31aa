package io.ecomlog.backend.flink.detect;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * One alert per episode: keyed by {@link Finding#subject()}, lets a finding through only when its window neither
 * overlaps nor touches the current episode of the same subject (the union of the windows that already raised it).
 * Sliding windows would otherwise raise one surge once per slide, and a bot busy for a minute, or a revenue that
 * stays down, would raise one alert per window. The alert carries the first window's figures; a finding whose window
 * is apart from the episode (a quiet window between) starts a new one. Episodes expire after {@code ttl}.
 */
public final class EpisodeFilter extends KeyedProcessFunction<String, Finding, Finding> {

    private final Duration ttl;
    private transient ValueState<long[]> episode;
    private transient Counter suppressed;

    public EpisodeFilter(Duration ttl) {
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext openContext) {
        var descriptor = new ValueStateDescriptor<>("episode", long[].class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl).cleanupFullSnapshot().build());
        episode = getRuntimeContext().getState(descriptor);
        suppressed = getRuntimeContext().getMetricGroup().addGroup("ecomlog").counter("findings_in_open_episode");
    }

    @Override
    public void processElement(Finding finding, Context ctx, Collector<Finding> out) throws Exception {
        long[] current = episode.value();
        boolean overlaps = current != null && finding.windowStart() <= current[1] && finding.windowEnd() >= current[0];
        if (overlaps) {
            episode.update(new long[] {Math.min(current[0], finding.windowStart()),
                    Math.max(current[1], finding.windowEnd())});
            suppressed.inc();
            return;
        }
        episode.update(new long[] {finding.windowStart(), finding.windowEnd()});
        out.collect(finding);
    }
}
