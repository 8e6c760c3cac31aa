package io.ecomlog.codec;

import java.time.Instant;

/**
 * The routing-relevant top-level fields of an encoded event, read by {@link EventCodec#peek(byte[])} without
 * decoding the rest. Any of them may be null when the line lacks it (or has it in an unusable form, such as an
 * unparseable {@code event_time}); a line from a foreign encoder may carry ids that are not UUIDs, hence strings.
 *
 * @param eventId     {@code event_id} as written
 * @param eventType   {@code event_type} as written, not checked against {@link io.ecomlog.event.EventType}
 * @param eventTime   {@code event_time}, or null when absent or not an ISO-8601 timestamp
 * @param userId      {@code user_id}
 * @param sessionId   {@code session_id}
 * @param anonymousId {@code anonymous_id}
 * @param orderId     {@code order_id}
 */
public record EventHeader(String eventId, String eventType, Instant eventTime, String userId, String sessionId,
                          String anonymousId, String orderId) {
}
