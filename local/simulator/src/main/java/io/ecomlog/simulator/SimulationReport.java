package io.ecomlog.simulator;

import io.ecomlog.metrics.DeliveryStats;
import io.ecomlog.publicdata.ParseResult;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run sent, counted by the simulator itself: events by type and by source, the rows of the replayed files it
 * could not use (by reason), the anomalies it injected with the alerts they must raise, and every order event by
 * customer — the record the backend's results are checked against.
 *
 * @param sentByType  events handed to the appender, by event type
 * @param bySource    events by where they came from: replay, shoppers, anomalies, and app errors logged
 * @param replayed    events replayed, by file ({@link ParseResult#source()}): each file's first events, in its order
 * @param orders      order id → the order as sent (orders, cancellations, refunds, in the order the shop sent them)
 * @param stats       the ecomlog client's counters after close (null if nothing was sent)
 */
public record SimulationReport(Target target, String producerId, Map<String, Long> sentByType,
                               Map<String, Long> bySource, List<ParseResult> replayParses,
                               Map<String, Long> replayed, long replayHeldBack,
                               List<ExpectedAlert> expectedAlerts, Map<String, SimulatedOrder> orders,
                               long sessions, DeliveryStats stats, boolean closedInTime, long elapsedMillis) {

    /** One order as the shop sent it: its customer's key in the order history, and its last total. */
    public record SimulatedOrder(String customerKey, String orderId, String lastEventType, BigDecimal total,
                                 String currency, int lines) {
    }

    public long sent() {
        return sentByType.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Events the client gave up (queue full past the block timeout, every fall-back failed). */
    public long lost() {
        return stats == null ? 0 : stats.droppedTotal();
    }

    public long rowsRejected() {
        return replayParses.stream().mapToLong(ParseResult::rejectedTotal).sum();
    }

    /** Rejected rows of every replayed file, by {@code file: reason}. */
    public Map<String, Long> rejectedRows() {
        var out = new TreeMap<String, Long>();
        replayParses.forEach(p -> p.rejected().forEach((reason, n) -> out.merge(p.source() + ": " + reason, n,
                Long::sum)));
        return out;
    }

    void print(PrintStream out) {
        out.println();
        out.printf("simulated %,d events in %.1f s into %s%n", sent(), elapsedMillis / 1000.0, target);
        out.printf("  by source: %s; %,d shopper sessions%n", bySource, sessions);
        out.printf("  by type:   %s%n", sentByType);
        for (var p : replayParses) {
            out.printf("  replayed %-14s %,d rows -> %,d events (%,d sent), rows not usable: %s%n", p.source(),
                    p.rows(), p.events().size(), replayed.getOrDefault(p.source(), 0L),
                    p.rejected().isEmpty() ? "none" : p.rejected());
        }
        if (replayHeldBack > 0) {
            out.printf("  %,d replay events not sent (the run ended first; a live run gives the replay at most half"
                    + " of its events)%n", replayHeldBack);
        }
        out.printf("  injected: %s%n", expectedAlerts.isEmpty() ? "nothing" : expectedAlerts);
        out.printf("  orders sent: %,d%n", orders.size());
        if (stats != null) {
            out.printf("  client: accepted %,d, lost %,d %s, delivered in time: %s%n", stats.accepted(), lost(),
                    stats.dropped(), closedInTime);
        }
    }
}
