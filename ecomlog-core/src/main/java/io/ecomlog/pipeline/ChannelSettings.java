package io.ecomlog.pipeline;

import io.ecomlog.resilience.BreakerSettings;
import io.ecomlog.resilience.RetryBackoff;

/** What every destination channel of one client shares: batching, TTL, retry and breaker settings. */
record ChannelSettings(long lingerNanos, long batchBytes, long maxPendingBytes, long recordTtlNanos,
                       RetryBackoff backoff, BreakerSettings breaker) {
}
