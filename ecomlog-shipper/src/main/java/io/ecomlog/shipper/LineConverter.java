package io.ecomlog.shipper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.backend.access.AccessLogParser;
import io.ecomlog.backend.logs.AppLogMapper;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventValidationException;
import io.ecomlog.event.Events;
import io.ecomlog.event.LogRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Turns one line into an event with the id it is given: access-log lines through the backend's one
 * {@link AccessLogParser} (flows in {@link LineFormat#ACCESS_LOG}), JSON objects through its {@link AppLogMapper},
 * other lines as plain {@code log} events. Every event names its file in the property {@code source_file}. A line
 * that gives no event is a {@link Rejected} with a stable reason; nothing here throws on a line.
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
            return withSource(Events.log(LogRecord.builder(null, text).build()).eventId(eventId).build(),
                    sourceFile);
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

    private static Converted withSource(EcomEvent event, String sourceFile) {
        return new Converted(event.toBuilder().property("source_file", sourceFile).build());
    }
}
