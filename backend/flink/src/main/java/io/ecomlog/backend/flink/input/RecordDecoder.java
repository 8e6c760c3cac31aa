package io.ecomlog.backend.flink.input;

import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.reader.RecordReader;
import io.ecomlog.reader.Rejection;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads the events out of raw records (a Kinesis record, a line of a lake object) with the shared
 * {@link RecordReader}: KPL aggregates, gzip and packed NDJSON all work. What cannot be read is counted by reason
 * ({@code ecomlog.rejected.<reason>}) and logged once per reason and subtask; the good events beside it go on.
 */
public final class RecordDecoder extends RichFlatMapFunction<byte[], ShopEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(RecordDecoder.class);

    private transient RecordReader reader;
    private transient Counter records;
    private transient Counter events;
    private transient Map<String, Counter> rejectedByReason;

    @Override
    public void open(OpenContext openContext) {
        reader = new RecordReader(new EventCodec());
        var group = getRuntimeContext().getMetricGroup().addGroup("ecomlog");
        records = group.counter("records");
        events = group.counter("events");
        rejectedByReason = new HashMap<>();
    }

    @Override
    public void flatMap(byte[] record, Collector<ShopEvent> out) {
        records.inc();
        var read = reader.read(record);
        for (EcomEvent event : read.events()) {
            out.collect(ShopEvents.of(event));
        }
        events.inc(read.events().size());
        for (Rejection rejection : read.rejected()) {
            rejectedByReason.computeIfAbsent(rejection.reason(), this::firstOf).inc();
        }
    }

    private Counter firstOf(String reason) {
        LOG.warn("a record held input that is not an event ({}); counted as ecomlog.rejected.{}, later ones only "
                + "counted", reason, reason.replace(' ', '_'));
        return getRuntimeContext().getMetricGroup().addGroup("ecomlog").addGroup("rejected")
                .counter(reason.replace(' ', '_'));
    }
}
