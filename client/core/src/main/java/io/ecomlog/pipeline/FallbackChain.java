package io.ecomlog.pipeline;

import io.ecomlog.metrics.ChannelCounters;
import io.ecomlog.metrics.ClientCounters;
import io.ecomlog.metrics.DropReason;
import io.ecomlog.metrics.FallbackReason;
import io.ecomlog.spool.DiskSpool;
import io.ecomlog.transport.DeliveryReport;
import io.ecomlog.transport.Destination;
import io.ecomlog.transport.FailureKind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a channel's events go when its destination will not take them: the backup first, then the disk spool, then a
 * counted drop; never silently lost. Each event that leaves the chain, whichever way, is settled once. Called from
 * the channel's thread, and from close() once that thread has stopped or been given up on.
 */
final class FallbackChain {

    private final Destination destination;
    private final Destination backup;
    private final DiskSpool spool;
    private final ChannelCounters counters;
    private final ClientCounters clientCounters;
    private final ChannelWarnings warnings;
    private final Consumer<InFlight> settle;

    /**
     * @param backup the backup destination, or null
     * @param spool  the disk spool, or null
     * @param settle told of every event the chain is done with (delivered to the backup, spooled or dropped)
     */
    FallbackChain(Destination destination, Destination backup, DiskSpool spool, ChannelCounters counters,
                  ClientCounters clientCounters, ChannelWarnings warnings, Consumer<InFlight> settle) {
        this.destination = destination;
        this.backup = backup;
        this.spool = spool;
        this.counters = counters;
        this.clientCounters = clientCounters;
        this.warnings = warnings;
        this.settle = settle;
    }

    boolean hasBackup() {
        return backup != null;
    }

    /** Backup first, then the spool, then a counted drop. */
    void fallBack(List<InFlight> items, FallbackReason reason) {
        var remaining = toBackup(items, reason);
        if (remaining.isEmpty()) {
            return;
        }
        if (reason == FallbackReason.OVERSIZE) {
            // replaying from the spool cannot make an event smaller: without a backup, it is a counted drop
            drop(remaining, DropReason.OVERSIZE, "event larger than " + destination.maxEventBytes()
                    + " bytes and no S3 backup to take it");
            return;
        }
        spoolOrDrop(remaining);
    }

    /** Writes the items to the backup, if there is one; returns those it did not take. */
    List<InFlight> toBackup(List<InFlight> items, FallbackReason reason) {
        if (backup == null) {
            return items;
        }
        var events = items.stream().map(InFlight::event).toList();
        DeliveryReport report;
        try {
            report = backup.deliver(events);
        } catch (RuntimeException e) {
            report = DeliveryReport.allFailed(events, FailureKind.SERVER_ERROR, e);
        }
        counters.backedUp(reason, report.delivered());
        var failures = report.failuresByEvent();
        var remaining = new ArrayList<InFlight>();
        for (var item : items) {
            if (failures.containsKey(item.event())) {
                remaining.add(item);
            } else {
                settle.accept(item);
            }
        }
        if (!remaining.isEmpty()) {
            warnings.rateLimited("backup " + backup.name() + " failed for " + remaining.size() + " events",
                    report.callFailure());
        }
        return remaining;
    }

    void spoolOrDrop(List<InFlight> items) {
        if (spool == null) {
            drop(items, DropReason.UNDELIVERABLE, "no spool configured");
            return;
        }
        try {
            if (spool.append(items.stream().map(InFlight::event).toList())) {
                counters.spooled(items.size());
                items.forEach(settle);
                return;
            }
            drop(items, DropReason.UNDELIVERABLE, "spool " + spool.dir() + " is at its bound of "
                    + spool.maxBytes() + " bytes");
        } catch (IOException e) {
            warnings.warn("spool " + spool.dir() + " failed", e);
            drop(items, DropReason.UNDELIVERABLE, "spool write failed: " + e);
        }
    }

    void drop(List<InFlight> items, DropReason reason, String why) {
        if (items.isEmpty()) {
            return;
        }
        clientCounters.dropped(reason, items.size());
        items.forEach(settle);
        warnings.rateLimited("dropped " + items.size() + " events for " + destination.name() + ": " + why, null);
    }
}
