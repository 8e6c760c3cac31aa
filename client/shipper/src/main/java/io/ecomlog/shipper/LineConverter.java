package io.ecomlog.shipper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.access.AccessLogParser;
import io.ecomlog.applog.AppLogMapper;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventValidationException;
import io.ecomlog.event.Events;
import io.ecomlog.event.LogRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns one line into an event with the id it is given: access-log lines through the backend's one
 * {@link AccessLogParser} (flows in {@link LineFormat#ACCESS_LOG}), JSON objects through its {@link AppLogMapper},
 * other lines as plain {@code log} events. Each event keeps the line's own time where the line has one (the access
 * log's time, the JSON's time field, or a leading ISO-8601 or Logback-default time on a plain line, read as UTC
 * without an offset); a line without one gets the time it is read. Every event names its file in the property
 * {@code source_file}. A line that gives no event is a {@link Rejected} with a stable reason; nothing here throws on
 * a line.
 */
final class LineConverter {

    static final String JSON_WITHOUT_MESSAGE = "JSON without a message";
    static final String INVALID_JSON = "invalid JSON log line";
    static final String INVALID_EVENT = "invalid event";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AccessLogParser accessLogs = new AccessLogParser();
    private final AppLogMapper appLogs = new AppLogMapper();

    sealed interface Result permits Converted, Rejected {
    }

    record Converted(EcomEvent event) implements Result {
    }

    record Rejected(String reason) implements Result {
    }

    Result convert(LineFormat format, byte[] bytes, UUID eventId, String sourceFile) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            if (format == LineFormat.ACCESS_LOG) {
                var parsed = accessLogs.parse(text, eventId);
                return parsed instanceof AccessLogParser.Parsed p ? withSource(p.event(), sourceFile)
                        : new Rejected(((AccessLogParser.Rejected) parsed).reason());
            }
            if (text.stripLeading().startsWith("{")) {
                return appLog(text, eventId, sourceFile);
            }
            var plain = Events.log(LogRecord.builder(null, text).build()).eventId(eventId);
            Instant own = leadingTime(text);
            if (own != null) {
                plain.eventTime(own);
            }
            return withSource(plain.build(), sourceFile);
        } catch (EventValidationException e) {
            return new Rejected(INVALID_EVENT);
        }
    }

    private Result appLog(String text, UUID eventId, String sourceFile) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            return new Rejected(INVALID_JSON);
        }
        if (node == null || !node.isObject()) {
            return new Rejected(INVALID_JSON);
        }
        EcomEvent event = appLogs.map(node, eventId, Instant.now());
        return event == null ? new Rejected(JSON_WITHOUT_MESSAGE) : withSource(event, sourceFile);
    }

    /** {@code 2026-12-01T10:00:00Z}, {@code 2026-12-01 10:00:00.123}, {@code 2026-12-01T10:00:00,5+01:00} … */
    private static final Pattern LEADING_TIME = Pattern.compile(
            "^\\[?(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}:\\d{2})(?:[.,](\\d{1,9}))?(Z|[+-]\\d{2}:?\\d{2})?");

    /** The time a plain line starts with, or null. */
    static Instant leadingTime(String line) {
        var m = LEADING_TIME.matcher(line);
        if (!m.find()) {
            return null;
        }
        String zone = m.group(4) == null ? "Z" : m.group(4).length() == 5
                ? m.group(4).substring(0, 3) + ":" + m.group(4).substring(3) : m.group(4);
        try {
            return OffsetDateTime.parse(m.group(1) + "T" + m.group(2) + (m.group(3) == null ? "" : "." + m.group(3))
                    + zone).toInstant();
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    private static Converted withSource(EcomEvent event, String sourceFile) {
        return new Converted(event.toBuilder().property("source_file", sourceFile).build());
    }
}
