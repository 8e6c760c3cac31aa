package io.ecomlog.transport;

import io.ecomlog.record.EncodedEvent;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one {@link Destination#deliver} attempt did.
 *
 * @param delivered   events that arrived
 * @param failed      events that did not, each with why
 * @param calls       API calls made (PutRecords, PutRecordBatch, PutObject…)
 * @param records     records (or objects) written successfully
 * @param bytes       payload bytes written successfully (after packing and compression)
 * @param callFailure the exception that failed a whole call, or {@code null}; feeds the circuit breaker
 */
public record DeliveryReport(int delivered, List<FailedEvent> failed, int calls, int records, long bytes,
                             Throwable callFailure) {

    public DeliveryReport {
        failed = List.copyOf(failed);
    }

    public static DeliveryReport allFailed(List<EncodedEvent> events, FailureKind kind, Throwable cause) {
        var detail = cause == null ? kind.name() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        var failed = events.stream().map(e -> new FailedEvent(e, kind, detail)).toList();
        return new DeliveryReport(0, failed, 1, 0, 0, cause);
    }

    /** The failures by the event they are about (by identity: two equal events are still two). */
    public Map<EncodedEvent, FailedEvent> failuresByEvent() {
        var map = new IdentityHashMap<EncodedEvent, FailedEvent>();
        for (var f : failed) {
            map.put(f.event(), f);
        }
        return map;
    }

    public boolean fullySucceeded() {
        return failed.isEmpty();
    }
}
