package io.ecomlog.record;

import java.time.Instant;
import java.util.Objects;

/**
 * One event after encoding: its JSON line (no trailing newline) plus the few header fields the
 * delivery path needs without parsing the JSON again.
 *
 * @param eventId      the event's id (UUID v7 for events the client built; whatever a foreign line carried otherwise)
 * @param eventType    wire name of the event type, e.g. {@code order_completed}
 * @param eventTime    the client's event time, used for object-store partitions
 * @param partitionKey the key chosen by the partition-key strategy; {@code null} means "any key" (random)
 * @param json         UTF-8 JSON object, one line
 * @param acceptedAtNanos {@link System#nanoTime()} when the client accepted the event; the record TTL counts from here
 */
public record EncodedEvent(String eventId, String eventType, Instant eventTime, String partitionKey, byte[] json,
                           long acceptedAtNanos) {

    public EncodedEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(json, "json");
    }

    /** Encoded size in bytes, without the newline that separates events in a record. */
    public int size() {
        return json.length;
    }

    /** The same event, as if accepted now: a replayed event gets a fresh TTL. */
    public EncodedEvent acceptedAt(long nanos) {
        return new EncodedEvent(eventId, eventType, eventTime, partitionKey, json, nanos);
    }
}
