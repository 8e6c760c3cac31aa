package io.ecomlog.backend.opensearch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Names of the daily indices: {@code <prefix>-YYYY.MM.DD} by the event's time in UTC. */
public record DailyIndex(String prefix) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    public String of(Instant eventTime) {
        return prefix + "-" + DAY.format(eventTime);
    }

    /** The pattern matching every daily index (templates, ISM, the Dashboards index pattern). */
    public String pattern() {
        return prefix + "-*";
    }
}
