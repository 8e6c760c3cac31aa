package io.ecomlog.pipeline;

import io.ecomlog.resilience.BreakerSettings;
import io.ecomlog.resilience.RetryBackoff;

/**
 * What every destination channel of one client shares: batching, TTL, retry and breaker settings, and the share of
 * calls the spool's replay may take while live events wait (percent, 1 to 90).
 */
record ChannelSettings(long lingerNanos, long batchBytes, long maxPendingBytes, long recordTtlNanos,
                       RetryBackoff backoff, BreakerSettings breaker, int replaySharePercent) {
}
