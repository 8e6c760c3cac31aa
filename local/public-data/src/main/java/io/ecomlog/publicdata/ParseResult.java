package io.ecomlog.publicdata;

import io.ecomlog.event.EcomEvent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a parser made of one file: the events, how many input rows it read, the rows it rejected by reason, and the
 * gaps it tolerated (a row kept, with a field left empty) by kind.
 */
public final class ParseResult {

    private final String source;
    private final List<EcomEvent> events = new ArrayList<>();
    private final Map<String, Long> rejected = new TreeMap<>();
    private final Map<String, Long> tolerated = new TreeMap<>();
    private long rows;

    ParseResult(String source) {
        this.source = source;
    }

    void row() {
        rows++;
    }

    void event(EcomEvent event) {
        events.add(event);
    }

    void reject(String reason) {
        reject(reason, 1);
    }

    void reject(String reason, long count) {
        rejected.merge(reason, count, Long::sum);
    }

    void tolerate(String gap) {
        tolerated.merge(gap, 1L, Long::sum);
    }

    /** A short name of the input, e.g. {@code rees46}. */
    public String source() {
        return source;
    }

    /** Data rows read (header excluded; for Apache logs, lines). */
    public long rows() {
        return rows;
    }

    public List<EcomEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /** Rows rejected, by reason. */
    public Map<String, Long> rejected() {
        return Collections.unmodifiableMap(rejected);
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Rows kept although a field was missing or odd (left empty in the event), by kind. */
    public Map<String, Long> tolerated() {
        return Collections.unmodifiableMap(tolerated);
    }

    @Override
    public String toString() {
        return source + ": " + rows + " rows, " + events.size() + " events, rejected " + rejected
                + ", tolerated " + tolerated;
    }
}
