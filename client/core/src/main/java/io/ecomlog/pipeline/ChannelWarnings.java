package io.ecomlog.pipeline;

import io.ecomlog.metrics.DeliveryListener;

import java.util.concurrent.TimeUnit;

/**
 * A channel's warnings to the {@link DeliveryListener}: every one of them, or at most one per ten seconds for what
 * repeats with each batch while a destination is down. Used by the channel's thread and by close().
 */
final class ChannelWarnings {

    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final DeliveryListener listener;
    private volatile long lastNanos = System.nanoTime() - INTERVAL_NANOS;

    ChannelWarnings(DeliveryListener listener) {
        this.listener = listener;
    }

    void rateLimited(String message, Throwable cause) {
        long now = System.nanoTime();
        if (now - lastNanos >= INTERVAL_NANOS) {
            lastNanos = now;
            warn(message, cause);
        }
    }

    void warn(String message, Throwable cause) {
        try {
            listener.warn(message, cause);
        } catch (RuntimeException ignored) {
            // a listener must not break delivery
        }
    }
}
