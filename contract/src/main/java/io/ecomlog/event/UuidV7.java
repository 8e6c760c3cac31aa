package io.ecomlog.event;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix epoch milliseconds, the version, 12 random bits, the variant and 62
 * random bits. Ids sort by creation time (to the millisecond), which keeps them friendly to indexes and makes
 * {@code event_id} a good dedup key.
 *
 * <p>Hand-written because the JDK has no v7 generator ({@link UUID#randomUUID()} is v4) and the whole thing is
 * twenty lines; a dependency would cost more than it saves. {@link ThreadLocalRandom} is enough: the ids need to
 * be unique, not unguessable.
 */
public final class UuidV7 {

    private static final long MAX_TIMESTAMP = (1L << 48) - 1;

    private UuidV7() {
    }

    /** A new id stamped with the current time. */
    public static UUID generate() {
        return generate(System.currentTimeMillis());
    }

    /** A new id stamped with {@code epochMillis} (0 to 2^48-1). */
    public static UUID generate(long epochMillis) {
        if (epochMillis < 0 || epochMillis > MAX_TIMESTAMP) {
            throw new IllegalArgumentException("UUID v7 timestamp must fit 48 bits, was " + epochMillis);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSigBits = (epochMillis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long leastSigBits = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSigBits, leastSigBits);
    }

    /** The Unix epoch milliseconds stamped into a version 7 id. */
    public static long timestampMillis(UUID uuid) {
        if (uuid.version() != 7) {
            throw new IllegalArgumentException("not a version 7 UUID: " + uuid);
        }
        return uuid.getMostSignificantBits() >>> 16;
    }
}
