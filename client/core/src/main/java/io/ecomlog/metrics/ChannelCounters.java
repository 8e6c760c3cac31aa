package io.ecomlog.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The counters of one destination channel. Written by the channel's thread, read by anyone. */
public final class ChannelCounters {

    final String destination;
    final LongAdder sent = new LongAdder();
    final LongAdder records = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final LongAdder calls = new LongAdder();
    final LongAdder failedCalls = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder throttled = new LongAdder();
    final LongAdder spooled = new LongAdder();
    final LongAdder replayed = new LongAdder();
    final LongAdder drainLiveCalls = new LongAdder();
    final LongAdder drainLiveBytes = new LongAdder();
    final LongAdder drainReplayCalls = new LongAdder();
    final LongAdder drainReplayBytes = new LongAdder();
    final Map<FallbackReason, LongAdder> backedUp = new EnumMap<>(FallbackReason.class);
    volatile LongSupplier pending = () -> 0;
    volatile LongSupplier spoolBytes = () -> 0;
    volatile Supplier<String> breakerState = () -> "CLOSED";

    public ChannelCounters(String destination) {
        this.destination = destination;
        for (var r : FallbackReason.values()) {
            backedUp.put(r, new LongAdder());
        }
    }

    public String destination() {
        return destination;
    }

    public void sent(int events, int recordCount, long byteCount) {
        sent.add(events);
        records.add(recordCount);
        bytes.add(byteCount);
    }

    public void calls(int n, boolean failed) {
        calls.add(n);
        if (failed) {
            failedCalls.increment();
        }
    }

    public void retried(int events, int throttledEvents) {
        retried.add(events);
        throttled.add(throttledEvents);
    }

    public void backedUp(FallbackReason reason, int events) {
        backedUp.get(reason).add(events);
    }

    public void spooled(int events) {
        spooled.add(events);
    }

    public void replayed(int events) {
        replayed.add(events);
    }

    /** A live batch of {@code bytes} encoded bytes was sent while the spool held events waiting for replay. */
    public void sharedLive(long bytes) {
        drainLiveCalls.increment();
        drainLiveBytes.add(bytes);
    }

    /** A replay call of {@code bytes} encoded bytes was made while live events waited. */
    public void sharedReplay(long bytes) {
        drainReplayCalls.increment();
        drainReplayBytes.add(bytes);
    }

    public void gauges(LongSupplier pendingEvents, LongSupplier spoolSize,
                       Supplier<String> breaker) {
        this.pending = pendingEvents;
        this.spoolBytes = spoolSize;
        this.breakerState = breaker;
    }

    public DeliveryStats.Destination snapshot() {
        var backups = new EnumMap<FallbackReason, Long>(FallbackReason.class);
        backedUp.forEach((r, v) -> backups.put(r, v.sum()));
        long recordCount = records.sum();
        return new DeliveryStats.Destination(destination, sent.sum(), recordCount, bytes.sum(),
                calls.sum(), failedCalls.sum(), retried.sum(), throttled.sum(), Map.copyOf(backups),
                spooled.sum(), replayed.sum(), new DeliveryStats.DrainShares(drainLiveCalls.sum(), drainLiveBytes.sum(),
                drainReplayCalls.sum(), drainReplayBytes.sum()), pending.getAsLong(), spoolBytes.getAsLong(),
                breakerState.get());
    }
}
