package io.ecomlog.backend.opensearch;

import java.time.Duration;

/**
 * Bounds of one bulk request and of the retries of its failed items.
 *
 * @param maxDocuments {@code BULK_MAX_DOCUMENTS}: documents per bulk request (default 1,000)
 * @param maxBytes     {@code BULK_MAX_BYTES}: bytes of documents per bulk request (default 5 MiB; a domain refuses
 *                     requests over its {@code http.max_content_length}, 10-100 MiB by instance type)
 * @param maxAttempts  {@code BULK_MAX_ATTEMPTS}: tries of a document that gets 429 or 5xx, first one included
 *                     (default 5)
 * @param backoffBase  {@code BULK_BACKOFF_BASE_MS}: wait before the first retry, doubled for each next one
 *                     (default 200 ms), with jitter
 * @param backoffMax   {@code BULK_BACKOFF_MAX_MS}: the longest wait (default 5 s)
 */
public record BulkSettings(int maxDocuments, int maxBytes, int maxAttempts, Duration backoffBase,
                           Duration backoffMax) {

    /** The wait before try {@code attempt + 1} (attempt from 1): exponential, capped, half of it jittered. */
    public Duration backoff(int attempt, double random) {
        long base = backoffBase.toMillis();
        long exponential = attempt >= 31 ? Long.MAX_VALUE : base << (attempt - 1);
        long capped = Math.min(Math.max(exponential, base), backoffMax.toMillis());
        return Duration.ofMillis(capped / 2 + (long) (capped / 2.0 * random));
    }
}
