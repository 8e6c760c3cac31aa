package io.ecomlog.backend.opensearch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one invocation did, logged as one structured line and returned by the S3 handler. Every input line or
 * event ends in exactly one of: indexed, rejected (by reason), dead-lettered, or handed back for redelivery.
 */
public final class IndexReport {

    private long events;
    private long indexed;
    private long requests;
    private long retriedItems;
    private long deadLettered;
    private long redelivered;
    private final Map<String, Long> rejected = new TreeMap<>();
    private final Map<String, Long> failedByType = new TreeMap<>();

    void events(long n) {
        events += n;
    }

    void bulk(BulkIndexer.Result result) {
        indexed += result.indexed();
        requests += result.requests();
        retriedItems += result.retriedItems();
        for (FailedDocument failure : result.failed()) {
            failedByType.merge(failure.errorType(), 1L, Long::sum);
        }
    }

    void rejected(String reason) {
        rejected.merge(reason, 1L, Long::sum);
    }

    void deadLettered(long n) {
        deadLettered += n;
    }

    void redelivered(long n) {
        redelivered += n;
    }

    /** Adds {@code other}'s counts to this report's (a run's total over its invocations). */
    public void add(IndexReport other) {
        events += other.events;
        indexed += other.indexed;
        requests += other.requests;
        retriedItems += other.retriedItems;
        deadLettered += other.deadLettered;
        redelivered += other.redelivered;
        other.rejected.forEach((reason, n) -> rejected.merge(reason, n, Long::sum));
        other.failedByType.forEach((type, n) -> failedByType.merge(type, n, Long::sum));
    }

    public long events() {
        return events;
    }

    public long indexed() {
        return indexed;
    }

    public long requests() {
        return requests;
    }

    public long retriedItems() {
        return retriedItems;
    }

    /** Failed documents and rejected input written to the dead-letter prefix. */
    public long deadLettered() {
        return deadLettered;
    }

    /** Documents of records handed back to Lambda ({@code batchItemFailures}) to be delivered again. */
    public long redelivered() {
        return redelivered;
    }

    public Map<String, Long> rejected() {
        return Map.copyOf(rejected);
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Long> failedByType() {
        return Map.copyOf(failedByType);
    }

    public Map<String, Object> asMap() {
        var map = new LinkedHashMap<String, Object>();
        map.put("events", events);
        map.put("indexed", indexed);
        map.put("bulk_requests", requests);
        map.put("retried_items", retriedItems);
        map.put("dead_lettered", deadLettered);
        map.put("redelivered", redelivered);
        map.put("rejected", new TreeMap<>(rejected));
        map.put("failed_by_type", new TreeMap<>(failedByType));
        return map;
    }
}
