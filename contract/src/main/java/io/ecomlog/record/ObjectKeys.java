package io.ecomlog.record;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The object-key layout of every S3 prefix we write (backup, direct, raw) and of the local data lake:
 * {@code prefix/event_type=T/year=YYYY/month=MM/day=DD/hour=HH/<producer>-<first-event-id>.ndjson.gz} — Hive-style
 * partitions, so the same SQL runs on Athena and on DuckDB locally.
 */
public final class ObjectKeys {

    private ObjectKeys() {
    }

    public static String key(String prefix, String eventType, Instant eventTime, String producerId,
                             String firstEventId) {
        var t = eventTime.atOffset(ZoneOffset.UTC);
        var sb = new StringBuilder(128);
        if (prefix != null && !prefix.isEmpty()) {
            sb.append(prefix);
            if (!prefix.endsWith("/")) {
                sb.append('/');
            }
        }
        sb.append("event_type=").append(safe(eventType))
                .append("/year=").append(t.getYear())
                .append("/month=").append(two(t.getMonthValue()))
                .append("/day=").append(two(t.getDayOfMonth()))
                .append("/hour=").append(two(t.getHour()))
                .append('/').append(safe(producerId)).append('-').append(safe(firstEventId))
                .append(".ndjson.gz");
        return sb.toString();
    }

    /** The hour partition an event falls in, as the part of the key that groups events into one object. */
    public static long hourOf(Instant eventTime) {
        return Math.floorDiv(eventTime.getEpochSecond(), 3600);
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    // keys come partly from event data: keep them to a conservative character set so no path tricks get through
    static String safe(String s) {
        var sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.' ? c : '_');
        }
        return sb.toString();
    }
}
