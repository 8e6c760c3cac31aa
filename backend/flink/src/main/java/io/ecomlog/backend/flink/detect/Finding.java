package io.ecomlog.backend.flink.detect;

import io.ecomlog.alert.Alert;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;

/**
 * A rule's finding inside the job, before it becomes an {@link Alert} record at the sink: a flat record Flink
 * serializes itself (the alert's list and enum would need Kryo).
 *
 * @param windowStart epoch milliseconds
 * @param windowEnd   epoch milliseconds, exclusive
 * @param detectedAt  wall-clock epoch milliseconds when the rule fired (the watermark passed the window's end):
 *                    what alert latency is measured from
 */
public record Finding(String kind, String keyType, String key, long count, BigDecimal threshold, BigDecimal value,
                      long windowStart, long windowEnd, long detectedAt, String severity, String source,
                      String message, String[] sampleEventIds) {

    /** The key findings of the same rule and subject are grouped by (one alert per episode, see EpisodeFilter). */
    public String subject() {
        return kind + "#" + keyType + "#" + key;
    }

    /** The alert record of this finding. */
    public Alert toAlert() {
        return Alert.of(kind, keyType, key, count, threshold, value, Instant.ofEpochMilli(windowStart),
                Instant.ofEpochMilli(windowEnd), Instant.ofEpochMilli(detectedAt), Alert.Severity.valueOf(severity), source, message,
                Arrays.asList(sampleEventIds));
    }
}
