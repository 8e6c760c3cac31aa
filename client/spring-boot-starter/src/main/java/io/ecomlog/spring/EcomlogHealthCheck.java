package io.ecomlog.spring;

import io.ecomlog.metrics.DeliveryStats;
import io.ecomlog.metrics.DropReason;
import io.ecomlog.pipeline.EcomlogClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The judgement behind the {@code ecomlog} health indicator, free of Spring Boot's health API so that one logic serves
 * the Spring Boot 3 ({@link EcomlogHealthIndicator}) and 4 ({@link EcomlogBoot4HealthIndicator}) indicators. The
 * client's counters are cumulative, so the status is judged on what changed since the previous check (and on the
 * breakers' state now):
 * <ul>
 *   <li>{@code ecomlog.health.loss-status} (default {@code DOWN}) when events were dropped since the last check (lost:
 *       queue full, backup and spool both failed, ...) or the client is closed or could not be built;</li>
 *   <li>{@code ecomlog.health.fallback-status} (default {@code DEGRADED}, a custom status) while a destination's
 *       circuit breaker is not closed, or when events went to the S3 backup or the disk spool since the last check:
 *       nothing is lost, but a destination is failing;</li>
 *   <li>{@code UP} otherwise.</li>
 * </ul>
 * Details carry the reasons, the totals and the changes since the last check, and per destination the counters,
 * breaker state and spool bytes. While a destination whose breaker is closed still has spooled events, the reasons
 * and its details say "draining N MiB": the replay runs alongside live traffic; the status does not change for it.
 * Every check moves the "last check" mark, so changes are seen by whichever check comes first.
 */
public final class EcomlogHealthCheck {

    /** A status code and the details to show with it. */
    public record Result(String status, Map<String, Object> details) {
    }

    private final EcomlogClient client;
    private final String lossStatus;
    private final String fallbackStatus;
    private final AtomicReference<DeliveryStats> previous;

    public EcomlogHealthCheck(EcomlogClient client, EcomlogProperties.Health settings) {
        this.client = client;
        this.lossStatus = settings.getLossStatus().trim().toUpperCase(Locale.ROOT);
        this.fallbackStatus = settings.getFallbackStatus().trim().toUpperCase(Locale.ROOT);
        this.previous = new AtomicReference<>(client.stats());
    }

    public Result check() {
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
                draining = String.format(Locale.ROOT, "draining %.2f MiB", d.spoolBytes() / 1048576.0);
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

        String status = loss ? lossStatus : fallback ? fallbackStatus : "UP";
        var dropped = new LinkedHashMap<String, Long>();
        now.dropped().forEach((reason, n) -> {
            if (n > 0) {
                dropped.put(reason.name().toLowerCase(), n);
            }
        });
        var details = new LinkedHashMap<String, Object>();
        details.put("accepted", now.accepted());
        details.put("dropped", dropped);
        details.put("droppedSinceLastCheck", droppedSince);
        details.put("queuedEvents", now.queuedEvents());
        details.put("queuedBytes", now.queuedBytes());
        details.put("destinations", destinations);
        if (!reasons.isEmpty()) {
            details.put("reasons", reasons);
        }
        return new Result(status, details);
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
