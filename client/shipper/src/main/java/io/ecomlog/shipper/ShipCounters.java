package io.ecomlog.shipper;

import io.ecomlog.metrics.DeliveryStats;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the shipper counted; read by the status line and by tests while the loop runs (hence thread-safe).
 */
public final class ShipCounters {

    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong cutLines = new AtomicLong();
    private final AtomicLong truncations = new AtomicLong();
    private final AtomicLong rotations = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong failedCommits = new AtomicLong();
    private final AtomicLong rewinds = new AtomicLong();
    private final Map<String, AtomicLong> rejected = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> lastCommit = new AtomicReference<>();

    void line(boolean cut) {
        lines.incrementAndGet();
        if (cut) {
            cutLines.incrementAndGet();
        }
    }

    void event() {
        events.incrementAndGet();
    }

    void rejected(String reason) {
        rejected.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    void truncation() {
        truncations.incrementAndGet();
    }

    void rotations(int count) {
        rotations.addAndGet(count);
    }

    void committed(boolean ok) {
        if (ok) {
            commits.incrementAndGet();
            lastCommit.set(Instant.now());
        } else {
            failedCommits.incrementAndGet();
        }
    }

    void rewound() {
        rewinds.incrementAndGet();
    }

    /** An immutable copy. */
    public Snapshot snapshot() {
        var byReason = new TreeMap<String, Long>();
        rejected.forEach((reason, count) -> byReason.put(reason, count.get()));
        return new Snapshot(lines.get(), events.get(), Map.copyOf(byReason), cutLines.get(), truncations.get(),
                rotations.get(), commits.get(), failedCommits.get(), rewinds.get(), lastCommit.get());
    }

    /**
     * The counters at one moment.
     *
     * @param lines         non-blank lines read
     * @param events        events the clients took
     * @param rejected      lines that gave no event, by reason
     * @param cutLines      lines longer than the bound, cut there (and shipped cut)
     * @param truncations   files found truncated or rewritten (copy-truncate), read again from 0
     * @param rotations     files that left their glob (renamed away or deleted), finished from their open handle
     * @param commits       checkpoints written after a successful flush
     * @param failedCommits flushes that did not finish in time (the checkpoint stayed where it was)
     * @param rewinds       times the clients dropped events as undeliverable and reading went back to the checkpoint
     * @param lastCommit    when the last checkpoint was written, or null
     */
    public record Snapshot(long lines, long events, Map<String, Long> rejected, long cutLines, long truncations,
                           long rotations, long commits, long failedCommits, long rewinds,
                           Instant lastCommit) {

        public long rejectedTotal() {
            return rejected.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The periodic status line: the shipper's counters and the clients' delivery counters. */
    static String statusLine(Snapshot s, int files, Iterable<DeliveryStats> clients) {
        long sent = 0;
        long spooled = 0;
        long backedUp = 0;
        long dropped = 0;
        for (var stats : clients) {
            dropped += stats.droppedTotal();
            for (var d : stats.destinations()) {
                sent += d.sent();
                spooled += d.spooled();
                backedUp += d.backedUpTotal();
            }
        }
        return "files=" + files + " lines=" + s.lines() + " events=" + s.events() + " rejected=" + s.rejectedTotal()
                + (s.rejected().isEmpty() ? "" : " " + s.rejected()) + " cut=" + s.cutLines()
                + " truncations=" + s.truncations() + " rotations=" + s.rotations() + " sent=" + sent
                + " spooled=" + spooled + " backed_up=" + backedUp + " dropped=" + dropped
                + " checkpoints=" + s.commits() + " failed_flushes=" + s.failedCommits() + " rewinds=" + s.rewinds()
                + " last_checkpoint=" + (s.lastCommit() == null ? "-" : s.lastCommit());
    }
}
