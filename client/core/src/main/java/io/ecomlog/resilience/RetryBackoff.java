package io.ecomlog.resilience;

import io.github.resilience4j.core.IntervalFunction;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter (a uniformly random wait between zero and the exponential ceiling), the
 * variant that spreads retries of many clients best. The ceiling comes from Resilience4j's {@link IntervalFunction};
 * the retry loop itself is the pipeline's, because only the failed entries of a batch are retried, which a
 * Resilience4j {@code Retry} around the whole call cannot express.
 */
public final class RetryBackoff {

    private final IntervalFunction ceiling;

    public RetryBackoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry backoff needs 0 < initial <= max, was initial=" + initial
                    + " max=" + max);
        }
        this.ceiling = IntervalFunction.ofExponentialBackoff(initial, 2.0, max);
    }

    /** The wait before retry number {@code attempt} (1 for the first retry), in nanoseconds. */
    public long delayNanos(int attempt) {
        long capMillis = ceiling.apply(Math.max(1, attempt));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(capMillis + 1)).toNanos();
    }
}
