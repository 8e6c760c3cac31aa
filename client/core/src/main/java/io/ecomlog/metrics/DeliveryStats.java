package io.ecomlog.metrics;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of everything the client counted. Invariant once the client is flushed or closed, per destination:
 * {@code accepted = sent + Σ backedUp + spooled + dropped-after-acceptance}; nothing leaves uncounted.
 *
 * @param accepted   events taken by {@code track}/{@code log}
 * @param dropped    events dropped, by reason (including those never accepted: queue full, closed, malformed)
 * @param queuedEvents events waiting in the in-memory queue now
 * @param queuedBytes  their estimated size
 * @param redactions   values replaced by the PII redactor (card numbers, e-mail addresses, IPs)
 */
public record DeliveryStats(long accepted, Map<DropReason, Long> dropped, long queuedEvents, long queuedBytes,
                            long redactions, List<Destination> destinations) {

    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }

    public Destination destination(String name) {
        return destinations.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no destination named " + name + " in " +
                        destinations.stream().map(Destination::name).toList()));
    }

    /**
     * One destination's counters.
     *
     * @param sent       events delivered
     * @param records    records (objects) written
     * @param bytes      payload bytes written, after packing and compression
     * @param calls      API calls made
     * @param failedCalls calls that failed as a whole
     * @param retried    event retries (one event retried twice counts two)
     * @param throttled  of those, retries because the destination throttled
     * @param backedUp   events written to the S3 backup instead, by reason
     * @param spooled    events written to the disk spool
     * @param replayed   events read back from the spool and delivered
     * @param drain      how the calls made while the spool drained were shared between live events and the replay
     * @param pending    events waiting in this channel now
     * @param spoolBytes bytes in the spool now
     * @param breaker    circuit breaker state (CLOSED, OPEN, HALF_OPEN)
     */
    public record Destination(String name, long sent, long records, long bytes, long calls, long failedCalls,
                              long retried, long throttled, Map<FallbackReason, Long> backedUp, long spooled,
                              long replayed, DrainShares drain, long pending, long spoolBytes, String breaker) {

        public long backedUpTotal() {
            return backedUp.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * The destination's calls and encoded bytes while the spool drained and the replay competed with live events:
     * live batches sent while the spool held events, and replay calls made while live events waited. The replay's
     * part never exceeds {@code replaySharePercent} of either (a replay call without live events waiting is not
     * counted here: it took nothing from them).
     */
    public record DrainShares(long liveCalls, long liveBytes, long replayCalls, long replayBytes) {
    }
}
