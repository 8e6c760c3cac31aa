package io.ecomlog.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes and reads the JSON form of an {@link Alert} (snake_case, ISO-8601 times with ms, decimals as strings, one
 * line), as {@code alert.schema.json} describes it. Reading ignores fields it does not know (a newer producer's) and
 * fails with {@link MalformedAlertException} naming the field for anything else. Thread-safe.
 */
public final class AlertCodec {

    /** The classpath location of the JSON Schema of an alert. */
    public static final String SCHEMA_RESOURCE = "/io/ecomlog/alert/alert.schema.json";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The value of {@code record_type} that marks an alert beside the other records of the alerts stream. */
    public static final String RECORD_TYPE = "alert";

    private final ObjectMapper mapper = new ObjectMapper();

    public byte[] encode(Alert a) {
        ObjectNode o = mapper.createObjectNode();
        o.put("record_type", RECORD_TYPE);
        o.put("alert_id", a.alertId());
        o.put("schema_version", a.schemaVersion());
        o.put("kind", a.kind());
        o.put("key_type", a.keyType());
        o.put("key", a.key());
        o.put("count", a.count());
        putDecimal(o, "threshold", a.threshold());
        putDecimal(o, "value", a.value());
        o.put("window_start", TIME.format(a.windowStart()));
        o.put("window_end", TIME.format(a.windowEnd()));
        o.put("detected_at", TIME.format(a.detectedAt()));
        o.put("severity", a.severity().name().toLowerCase(Locale.ROOT));
        o.put("source", a.source());
        if (a.message() != null) {
            o.put("message", a.message());
        }
        ArrayNode samples = o.putArray("sample_event_ids");
        a.sampleEventIds().forEach(samples::add);
        try {
            return mapper.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    public String encodeToString(Alert a) {
        return new String(encode(a), StandardCharsets.UTF_8);
    }

    /** The alert in {@code json}. */
    public Alert decode(byte[] json) {
        JsonNode o;
        try {
            o = mapper.readTree(json);
        } catch (IOException e) {
            throw new MalformedAlertException("not JSON: " + e.getMessage(), e);
        }
        if (o == null || !o.isObject()) {
            throw new MalformedAlertException("an alert is a JSON object", null);
        }
        try {
            return new Alert(text(o, "alert_id", false), o.path("schema_version").asInt(0),
                    text(o, "kind", true), text(o, "key_type", true), text(o, "key", true),
                    count(o), decimal(o, "threshold"), decimal(o, "value"),
                    time(o, "window_start"), time(o, "window_end"), time(o, "detected_at"),
                    severity(o), text(o, "source", true), text(o, "message", false), samples(o));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedAlertException("invalid alert: " + e.getMessage(), e);
        }
    }

    /** Whether a JSON object looks like an alert rather than an event (it has {@code alert_id} or {@code kind}). */
    public static boolean looksLikeAlert(JsonNode node) {
        return node.isObject() && !node.has("event_type") && node.has("kind") && node.has("window_start");
    }

    private static void putDecimal(ObjectNode o, String name, BigDecimal value) {
        if (value != null) {
            o.put(name, value.toPlainString());
        }
    }

    private static String text(JsonNode o, String name, boolean required) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException(name + " must be set");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(name + " must be a string, was " + v.getNodeType());
        }
        return v.asText();
    }

    private static long count(JsonNode o) {
        JsonNode v = o.get("count");
        if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("count must be a whole number");
        }
        return v.asLong();
    }

    private static BigDecimal decimal(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a decimal, was \"" + v.asText() + "\"");
        }
    }

    private static Instant time(JsonNode o, String name) {
        String text = text(o, name, true);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 UTC time, was \"" + text + "\"");
        }
    }

    private static Alert.Severity severity(JsonNode o) {
        String text = text(o, "severity", true);
        try {
            return Alert.Severity.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("severity must be info, warning or critical, was \"" + text + "\"");
        }
    }

    private static List<String> samples(JsonNode o) {
        var out = new ArrayList<String>();
        JsonNode v = o.get("sample_event_ids");
        if (v != null && v.isArray()) {
            v.forEach(id -> out.add(id.asText()));
        }
        return out;
    }
}
