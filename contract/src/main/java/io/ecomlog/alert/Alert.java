package io.ecomlog.alert;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One alert, as the Flink jobs and the alerter's own rules raise it and the alerter publishes it: what was seen
 * ({@code kind}, e.g. {@code bot_user}), about whom ({@code keyType} and {@code key}: a user, an IP, a shop, the
 * whole site), how much ({@code count} against {@code threshold}, or a {@code value} such as a share), in which
 * event-time window, and a few sample event ids to look at. The JSON form is described by
 * {@code io/ecomlog/alert/alert.schema.json} and written and read by {@link AlertCodec} only.
 *
 * <p>{@code alertId} is derived from kind, key and window, so the same finding raised twice (a redelivered batch,
 * a job restarted from a checkpoint) has the same id and is published once.
 */
public record Alert(String alertId, int schemaVersion, String kind, String keyType, String key, long count,
                    BigDecimal threshold, BigDecimal value, Instant windowStart, Instant windowEnd,
                    Instant detectedAt, Severity severity, String source, String message,
                    List<String> sampleEventIds) {

    public static final int CURRENT_SCHEMA_VERSION = 1;
    /** At most this many sample event ids are kept. */
    public static final int MAX_SAMPLES = 5;

    /** How urgent an alert is. */
    public enum Severity {
        INFO, WARNING, CRITICAL
    }

    /** Kinds raised by ecomlog itself (others may come from newer producers; they are published as they are). */
    public static final class Kinds {
        public static final String BOT_USER = "bot_user";
        public static final String BOT_IP = "bot_ip";
        public static final String ORDER_SURGE = "order_surge";
        public static final String CONVERSION_DROP = "conversion_drop";
        public static final String REVENUE_DROP = "revenue_drop";
        public static final String FAILED_LOGINS_USER = "failed_logins_user";
        public static final String FAILED_LOGINS_IP = "failed_logins_ip";
        public static final String HTTP_5XX_SHARE = "http_5xx_share";
        public static final String PAYMENT_FAILURES = "payment_failures";

        private Kinds() {
        }
    }

    /** Checks the required values and normalises the rest (times to ms, samples bounded and copied). */
    public Alert {
        requireText(kind, "kind");
        requireText(keyType, "key_type");
        requireText(key, "key");
        requireText(source, "source");
        Objects.requireNonNull(windowStart, "window_start must be set");
        Objects.requireNonNull(windowEnd, "window_end must be set");
        Objects.requireNonNull(detectedAt, "detected_at must be set");
        Objects.requireNonNull(severity, "severity must be set");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        if (windowEnd.isBefore(windowStart)) {
            throw new IllegalArgumentException("window_end " + windowEnd + " is before window_start " + windowStart);
        }
        windowStart = windowStart.truncatedTo(ChronoUnit.MILLIS);
        windowEnd = windowEnd.truncatedTo(ChronoUnit.MILLIS);
        detectedAt = detectedAt.truncatedTo(ChronoUnit.MILLIS);
        sampleEventIds = sampleEventIds == null ? List.of()
                : List.copyOf(sampleEventIds.subList(0, Math.min(MAX_SAMPLES, sampleEventIds.size())));
        if (alertId == null || alertId.isBlank()) {
            alertId = idOf(kind, keyType, key, windowStart);
        }
        if (schemaVersion <= 0) {
            schemaVersion = CURRENT_SCHEMA_VERSION;
        }
    }

    /** A new alert with the id derived from kind, key and window start, and the current schema version. */
    public static Alert of(String kind, String keyType, String key, long count, BigDecimal threshold,
                           BigDecimal value, Instant windowStart, Instant windowEnd, Instant detectedAt,
                           Severity severity, String source, String message, List<String> sampleEventIds) {
        return new Alert(null, CURRENT_SCHEMA_VERSION, kind, keyType, key, count, threshold, value, windowStart,
                windowEnd, detectedAt, severity, source, message, sampleEventIds);
    }

    /** The id of the finding: the same kind, key and window always give the same id (32 hex digits). */
    public static String idOf(String kind, String keyType, String key, Instant windowStart) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((kind + '\u0000' + keyType + '\u0000' + key + '\u0000'
                    + windowStart.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The key the alerter's cooldown is kept by: one message per kind and key per cooldown. */
    public String cooldownKey() {
        return kind + "#" + keyType + "#" + key;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be set");
        }
    }
}
