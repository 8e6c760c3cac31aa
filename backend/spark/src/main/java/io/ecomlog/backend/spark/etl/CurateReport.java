package io.ecomlog.backend.spark.etl;

import java.util.List;
import java.util.Map;

/**
 * What one ETL run did: the raw objects it read, the events it added to the curated tables, the lines it
 * quarantined by reason, and the curated partitions it rewrote.
 */
public record CurateReport(List<String> objects, long eventsAdded, Map<String, Long> quarantinedByReason,
                           long partitionsWritten) {

    /** One line for the job's log: counts, not the list of objects. */
    public String summary() {
        return objects.size() + " raw objects read, " + eventsAdded + " events added, " + quarantined()
                + " lines quarantined " + quarantinedByReason + ", " + partitionsWritten + " partitions rewritten";
    }

    public long quarantined() {
        return quarantinedByReason.values().stream().mapToLong(Long::longValue).sum();
    }
}
