package io.ecomlog.metrics;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** The client's counters: what it accepted and dropped, and one {@link ChannelCounters} per destination. */
public final class ClientCounters {

    private final LongAdder accepted = new LongAdder();
    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);
    private final List<ChannelCounters> channels = new CopyOnWriteArrayList<>();
    private volatile LongSupplier queuedEvents = () -> 0;
    private volatile LongSupplier queuedBytes = () -> 0;
    private volatile LongSupplier redactions = () -> 0;

    public ClientCounters() {
        for (var r : DropReason.values()) {
            dropped.put(r, new LongAdder());
        }
    }

    public void accepted() {
        accepted.increment();
    }

    public void dropped(DropReason reason, long events) {
        dropped.get(reason).add(events);
    }

    public ChannelCounters channel(String destination) {
        var c = new ChannelCounters(destination);
        channels.add(c);
        return c;
    }

    public void queueGauges(LongSupplier events, LongSupplier bytes) {
        this.queuedEvents = events;
        this.queuedBytes = bytes;
    }

    public void redactionCounter(LongSupplier values) {
        this.redactions = values;
    }

    public DeliveryStats snapshot() {
        var drops = new EnumMap<DropReason, Long>(DropReason.class);
        dropped.forEach((r, v) -> drops.put(r, v.sum()));
        return new DeliveryStats(accepted.sum(), Map.copyOf(drops), queuedEvents.getAsLong(),
                queuedBytes.getAsLong(), redactions.getAsLong(),
                channels.stream().map(ChannelCounters::snapshot).toList());
    }
}
