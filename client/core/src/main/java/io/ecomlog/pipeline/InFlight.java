package io.ecomlog.pipeline;

import io.ecomlog.record.EncodedEvent;

import java.util.List;

/**
 * An event on its way through a {@link DeliveryChannel}: how often it was tried, and whether it counts for flush
 * ({@code counted} is false for events replayed from the spool: they are safe on disk, flush does not wait on them).
 */
record InFlight(EncodedEvent event, int attempt, boolean counted) {

    static InFlight live(EncodedEvent event) {
        return new InFlight(event, 0, true);
    }

    static InFlight replayed(EncodedEvent event) {
        return new InFlight(event, 0, false);
    }

    static long bytes(List<InFlight> items) {
        long bytes = 0;
        for (var item : items) {
            bytes += item.event().size();
        }
        return bytes;
    }
}
