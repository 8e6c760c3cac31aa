package io.ecomlog.pipeline;

import io.ecomlog.codec.EventCodec;
import io.ecomlog.codec.EventHeader;
import io.ecomlog.codec.MalformedEventException;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.UuidV7;
import io.ecomlog.record.EncodedEvent;

import java.time.Instant;

/**
 * Turns what callers handed in (typed events, or JSON lines from a foreign encoder) into {@link EncodedEvent}s with
 * personal data redacted, and picks each event's partition key. Runs on the dispatcher thread, so the callers never
 * pay for JSON. Thread-safe, except a {@link #confined()} copy.
 */
final class EventEncoder {

    private final EventCodec codec;
    private final PartitionKeyStrategy strategy;
    private final int keyBuckets;
    private final PiiRedactor redactor;
    /** The codec's reusing encoder when this copy is confined to one thread, else null (a generator per event). */
    private final EventCodec.Encoder reusing;

    /**
     * @param keyBuckets when positive, keys are hashed into this many buckets ("b0".."bN-1"): events of one session
     *                   (user, order) still share a key, so their order holds, while many sessions share each record
     *                   and packing stays dense. 0 sends the raw identifier as the key.
     */
    EventEncoder(EventCodec codec, PartitionKeyStrategy strategy, int keyBuckets, PiiRedactor redactor) {
        this(codec, strategy, keyBuckets, redactor, null);
    }

    private EventEncoder(EventCodec codec, PartitionKeyStrategy strategy, int keyBuckets, PiiRedactor redactor,
                         EventCodec.Encoder reusing) {
        this.codec = codec;
        this.strategy = strategy;
        this.keyBuckets = keyBuckets;
        this.redactor = redactor;
        this.reusing = reusing;
    }

    /**
     * The same encoder for use by one thread only (the dispatcher's): it reuses one JSON generator and buffer and
     * formats each millisecond's {@code sent_at} once, where the shared one builds them per event.
     */
    EventEncoder confined() {
        return new EventEncoder(codec, strategy, keyBuckets, redactor, codec.newEncoder());
    }

    EncodedEvent encode(EcomEvent event, long acceptedAtNanos) {
        var sentAt = Instant.now();
        byte[] json = redactor.redact(reusing != null ? reusing.encode(event, sentAt) : codec.encode(event, sentAt));
        var key = partitionKey(event.sessionId(), event.userId(), event.anonymousId(), event.orderId());
        return new EncodedEvent(event.eventId().toString(), event.eventType().wireName(), event.eventTime(), key,
                json, acceptedAtNanos);
    }

    /**
     * A line some other encoder produced (one JSON object). Header fields it lacks are made up: a fresh id, type
     * {@code log}, the current time. Returns {@code null} when the line is not a single JSON object.
     */
    EncodedEvent encodeLine(byte[] line, long acceptedAtNanos) {
        byte[] json = trimTrailingNewlines(line);
        if (json.length == 0 || json[0] != '{' || containsNewline(json)) {
            return null;
        }
        EventHeader header;
        try {
            header = codec.peek(json);
        } catch (MalformedEventException e) {
            return null;
        }
        var id = header.eventId() != null ? header.eventId() : UuidV7.generate().toString();
        var type = header.eventType() != null ? header.eventType() : "log";
        var time = header.eventTime() != null ? header.eventTime() : Instant.now();
        var key = partitionKey(header.sessionId(), header.userId(), header.anonymousId(), header.orderId());
        return new EncodedEvent(id, type, time, key, redactor.redact(json), acceptedAtNanos);
    }

    private String partitionKey(String session, String user, String anonymous, String order) {
        var id = switch (strategy) {
            case SESSION -> firstOf(session, user, anonymous);
            case USER -> firstOf(user, anonymous, session);
            case ORDER -> firstOf(order, session, user);
            case RANDOM -> null;
        };
        if (id == null) {
            return null; // any key: the packer packs such events together under a random one
        }
        return keyBuckets > 0 ? "b" + Math.floorMod(id.hashCode(), keyBuckets) : truncateKey(id);
    }

    private static String firstOf(String a, String b, String c) {
        if (a != null && !a.isEmpty()) {
            return a;
        }
        if (b != null && !b.isEmpty()) {
            return b;
        }
        return c != null && !c.isEmpty() ? c : null;
    }

    /** Kinesis keys are at most 256 Unicode characters. */
    private static String truncateKey(String id) {
        return id.length() <= 256 ? id : id.substring(0, 256);
    }

    private static byte[] trimTrailingNewlines(byte[] line) {
        int end = line.length;
        while (end > 0 && (line[end - 1] == '\n' || line[end - 1] == '\r' || line[end - 1] == ' ')) {
            end--;
        }
        if (end == line.length) {
            return line;
        }
        var out = new byte[end];
        System.arraycopy(line, 0, out, 0, end);
        return out;
    }

    private static boolean containsNewline(byte[] json) {
        for (byte b : json) {
            if (b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }
}
