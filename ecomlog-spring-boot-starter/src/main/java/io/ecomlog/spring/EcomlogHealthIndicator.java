package io.ecomlog.spring;

import io.ecomlog.metrics.DeliveryStats;
import io.ecomlog.metrics.DropReason;
import io.ecomlog.pipeline.EcomlogClient;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code ecomlog} health indicator. The client's counters are cumulative, so the status is judged on what changed
 * since the previous health check (and on the breakers' state now):
 * <ul>
 *   <li>{@code ecomlog.health.loss-status} (default {@code DOWN}) when events were dropped since the last check (lost:
 *       queue full, backup and spool both failed, ...) or the client is closed;</li>
 *   <li>{@code ecomlog.health.fallback-status} (default {@code DEGRADED}, a custom status) while a destination's
 *       circuit breaker is not closed, or when events went to the S3 backup or the disk spool since the last check:
 *       nothing is lost, but a destination is failing;</li>
 *   <li>{@code UP} otherwise.</li>
 * </ul>
 * While a destination whose breaker is closed still has spooled events, the reasons and its details say
 * "draining N MiB": the replay runs alongside live traffic; the status does not change for it.
 * Details carry the reasons, the totals and the changes since the last check, and per destination the counters,
 * breaker state and spool bytes. Every caller of the health endpoint moves the "last check" mark, so changes are seen
 * by whichever check comes first.
 */
public class EcomlogHealthIndicator implements HealthIndicator {

    /** The custom status for "delivering through the fall-back chain". */
    public static final Status DEGRADED = new Status("DEGRADED", "events are going to the S3 backup or disk spool");

    private final EcomlogClient client;
    private final Status lossStatus;
    private final Status fallbackStatus;
    private final AtomicReference<DeliveryStats> previous;

    public EcomlogHealthIndicator(EcomlogClient client, EcomlogProperties.Health settings) {
        this.client = client;
        this.lossStatus = new Status(settings.getLossStatus().trim().toUpperCase());
        this.fallbackStatus = new Status(settings.getFallbackStatus().trim().toUpperCase());
        this.previous = new AtomicReference<>(client.stats());
    }

    @Override
    public Health health() {
        DeliveryStats now = client.stats();
        DeliveryStats before = previous.getAndSet(now);
        var reasons = new ArrayList<String>();
        boolean loss = false;
        boolean fallback = false;

        if (client.isClosed()) {
            loss = true;
            reasons.add(client.unavailableReason() != null ? client.unavailableReason() : "client closed");
        }
        var droppedSince = new LinkedHashMap<String, Long>();
        for (var reason : DropReason.values()) {
            long delta = count(now.dropped(), reason) - count(before.dropped(), reason);
            if (delta > 0) {
                droppedSince.put(reason.name().toLowerCase(), delta);
            }
        }
        if (!droppedSince.isEmpty()) {
            loss = true;
            reasons.add("events dropped since last check: " + droppedSince);
        }

        var destinations = new LinkedHashMap<String, Object>();
        for (var d : now.destinations()) {
            var old = find(before, d.name());
            long backedUpSince = d.backedUpTotal() - (old == null ? 0 : old.backedUpTotal());
            long spooledSince = d.spooled() - (old == null ? 0 : old.spooled());
            long failedCallsSince = d.failedCalls() - (old == null ? 0 : old.failedCalls());
            if (!"CLOSED".equals(d.breaker())) {
                fallback = true;
                reasons.add(d.name() + ": circuit breaker " + d.breaker());
            }
            if (backedUpSince > 0) {
                fallback = true;
                reasons.add(d.name() + ": " + backedUpSince + " events backed up to S3 since last check");
            }
            if (spooledSince > 0) {
                fallback = true;
                reasons.add(d.name() + ": " + spooledSince + " events spooled to disk since last check");
            }
            String draining = null;
            if (d.spoolBytes() > 0 && "CLOSED".equals(d.breaker())) {
                // the destination takes events again and the spool is being replayed alongside live traffic
                draining = String.format(java.util.Locale.ROOT, "draining %.1f MiB", d.spoolBytes() / 1048576.0);
                reasons.add(d.name() + ": " + draining + " of spooled events");
            }
            var detail = new LinkedHashMap<String, Object>();
            detail.put("breaker", d.breaker());
            detail.put("sent", d.sent());
            detail.put("failedCalls", d.failedCalls());
            detail.put("failedCallsSinceLastCheck", failedCallsSince);
            detail.put("retried", d.retried());
            detail.put("throttled", d.throttled());
            detail.put("backedUp", d.backedUpTotal());
            detail.put("backedUpSinceLastCheck", backedUpSince);
            detail.put("spooled", d.spooled());
            detail.put("spooledSinceLastCheck", spooledSince);
            detail.put("replayed", d.replayed());
            detail.put("pending", d.pending());
            detail.put("spoolBytes", d.spoolBytes());
            if (draining != null) {
                detail.put("spool", draining);
            }
            destinations.put(d.name(), detail);
        }

        Status status = loss ? lossStatus : fallback ? fallbackStatus : Status.UP;
        var dropped = new LinkedHashMap<String, Long>();
        now.dropped().forEach((reason, n) -> {
            if (n > 0) {
                dropped.put(reason.name().toLowerCase(), n);
            }
        });
        var builder = Health.status(status)
                .withDetail("accepted", now.accepted())
                .withDetail("dropped", dropped)
                .withDetail("droppedSinceLastCheck", droppedSince)
                .withDetail("queuedEvents", now.queuedEvents())
                .withDetail("queuedBytes", now.queuedBytes())
                .withDetail("destinations", destinations);
        if (!reasons.isEmpty()) {
            builder.withDetail("reasons", reasons);
        }
        return builder.build();
    }

    private static long count(Map<DropReason, Long> counts, DropReason reason) {
        Long n = counts.get(reason);
        return n == null ? 0 : n;
    }

    private static DeliveryStats.Destination find(DeliveryStats stats, String name) {
        for (var d : stats.destinations()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }
}
