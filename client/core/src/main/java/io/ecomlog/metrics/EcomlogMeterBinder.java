package io.ecomlog.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a client's counters to Micrometer (an optional dependency: only this class needs it). Meters read the
 * live counters, so binding costs nothing on the sending path.
 *
 * <pre>{@code new EcomlogMeterBinder(client::stats, client.destinationNames()).bindTo(registry);}</pre>
 */
public final class EcomlogMeterBinder implements MeterBinder {

    private final Supplier<DeliveryStats> stats;
    private final List<String> destinations;
    private final Tags tags;

    public EcomlogMeterBinder(Supplier<DeliveryStats> stats, List<String> destinations, Tags extraTags) {
        this.stats = stats;
        this.destinations = List.copyOf(destinations);
        this.tags = extraTags;
    }

    public EcomlogMeterBinder(Supplier<DeliveryStats> stats, List<String> destinations) {
        this(stats, destinations, Tags.empty());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "ecomlog.events.accepted", "events taken by track/log", tags, s -> s.accepted());
        for (var reason : DropReason.values()) {
            counter(registry, "ecomlog.events.dropped", "events dropped, by reason",
                    tags.and("reason", reason.name().toLowerCase()), s -> s.dropped().get(reason));
        }
        counter(registry, "ecomlog.values.redacted", "personal data values replaced before sending", tags,
                s -> s.redactions());
        gauge(registry, "ecomlog.queue.events", "events waiting in the in-memory queue", tags, s -> s.queuedEvents());
        gauge(registry, "ecomlog.queue.bytes", "estimated bytes in the in-memory queue", tags, s -> s.queuedBytes());
        for (var name : destinations) {
            var t = tags.and("destination", name);
            counter(registry, "ecomlog.events.sent", "events delivered", t, s -> s.destination(name).sent());
            counter(registry, "ecomlog.records.sent", "records or objects written", t,
                    s -> s.destination(name).records());
            counter(registry, "ecomlog.bytes.sent", "payload bytes written after packing", t,
                    s -> s.destination(name).bytes());
            counter(registry, "ecomlog.calls", "API calls made", t, s -> s.destination(name).calls());
            counter(registry, "ecomlog.calls.failed", "API calls that failed as a whole", t,
                    s -> s.destination(name).failedCalls());
            counter(registry, "ecomlog.events.retried", "event retries", t, s -> s.destination(name).retried());
            counter(registry, "ecomlog.events.throttled", "event retries caused by throttling", t,
                    s -> s.destination(name).throttled());
            for (var reason : FallbackReason.values()) {
                counter(registry, "ecomlog.events.backed_up", "events written to the S3 backup, by reason",
                        t.and("reason", reason.name().toLowerCase()),
                        s -> s.destination(name).backedUp().get(reason));
            }
            counter(registry, "ecomlog.events.spooled", "events written to the disk spool", t,
                    s -> s.destination(name).spooled());
            counter(registry, "ecomlog.events.replayed", "events replayed from the spool", t,
                    s -> s.destination(name).replayed());
            var live = t.and("flow", "live");
            var replay = t.and("flow", "replay");
            String calls = "calls while the spool drained: live batches, and replay calls while live events waited";
            counter(registry, "ecomlog.drain.calls", calls, live, s -> s.destination(name).drain().liveCalls());
            counter(registry, "ecomlog.drain.calls", calls, replay, s -> s.destination(name).drain().replayCalls());
            String bytes = "encoded bytes of the calls counted by ecomlog.drain.calls";
            counter(registry, "ecomlog.drain.bytes", bytes, live, s -> s.destination(name).drain().liveBytes());
            counter(registry, "ecomlog.drain.bytes", bytes, replay, s -> s.destination(name).drain().replayBytes());
            gauge(registry, "ecomlog.channel.pending", "events waiting to be sent", t,
                    s -> s.destination(name).pending());
            gauge(registry, "ecomlog.spool.bytes", "bytes in the disk spool", t,
                    s -> s.destination(name).spoolBytes());
            gauge(registry, "ecomlog.breaker.open", "1 when the destination's circuit breaker is not closed", t,
                    s -> "CLOSED".equals(s.destination(name).breaker()) ? 0 : 1);
        }
    }

    /*
     * Micrometer holds a meter's state object weakly. The usual supplier, client::stats, is a fresh object nobody
     * else keeps, so a meter over it would read nothing after the next garbage collection: the counters take the
     * registry (alive as long as the meter) as their state and hold the supplier in their function; the gauges ask
     * for a strong reference.
     */
    private void counter(MeterRegistry registry, String name, String help, Tags t, ToDoubleFunction<DeliveryStats> f) {
        Supplier<DeliveryStats> source = stats;
        FunctionCounter.builder(name, registry, r -> f.applyAsDouble(source.get())).description(help).tags(t)
                .register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String help, Tags t, ToDoubleFunction<DeliveryStats> f) {
        Gauge.builder(name, stats, s -> f.applyAsDouble(s.get())).strongReference(true).description(help).tags(t)
                .register(registry);
    }
}
