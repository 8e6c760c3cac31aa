package io.ecomlog.applog;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecomlog.event.AppError;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.Events;
import io.ecomlog.event.LogRecord;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * An application's JSON log line (Logstash/ECS/Log4j2 JSON/Powertools shapes: {@code @timestamp} or
 * {@code timestamp} or {@code time}, {@code level}, {@code message} or {@code msg}, {@code logger_name},
 * {@code stack_trace} or {@code exception} or {@code error}) → an ecomlog {@code log} event, or {@code app_error}
 * when the line is at ERROR level or carries a stack trace. User, session and request ids are taken from the usual
 * field names; the other fields are kept under {@code properties}. Returns null for a JSON object that is no log
 * line (no message and no error). Used wherever foreign JSON lines meet the backend (uploaded log files, records
 * an appender wrote with a LogstashEncoder).
 */
public final class AppLogMapper {

    private static final List<String> TIME = List.of("@timestamp", "timestamp", "time", "ts");
    private static final List<String> LEVEL = List.of("level", "severity", "log.level", "levelname");
    private static final List<String> MESSAGE = List.of("message", "msg", "log");
    private static final List<String> LOGGER = List.of("logger_name", "logger", "loggerName", "log.logger");
    private static final List<String> STACK = List.of("stack_trace", "exception", "error.stack_trace", "stack");
    private static final List<String> ERROR_CLASS = List.of("exception_class", "error.type", "error_class");
    private static final List<String> USER = List.of("user_id", "userId", "user.id");
    private static final List<String> SESSION = List.of("session_id", "sessionId");
    private static final Set<String> TAKEN = Set.of("@timestamp", "timestamp", "time", "ts", "level", "severity",
            "log.level", "levelname", "message", "msg", "log", "logger_name", "logger", "loggerName", "log.logger",
            "stack_trace", "exception", "error.stack_trace", "stack", "exception_class", "error.type", "error_class",
            "user_id", "userId", "user.id", "session_id", "sessionId", "@version");

    public EcomEvent map(JsonNode line, UUID eventId, Instant fallbackTime) {
        String message = first(line, MESSAGE);
        String stack = first(line, STACK);
        String errorClass = first(line, ERROR_CLASS);
        if (message == null && stack == null) {
            return null;
        }
        String level = first(line, LEVEL);
        boolean error = stack != null || errorClass != null || "ERROR".equalsIgnoreCase(level)
                || "FATAL".equalsIgnoreCase(level) || "CRITICAL".equalsIgnoreCase(level);
        EcomEvent.Builder event;
        if (error) {
            String cls = errorClass != null ? errorClass : stack == null ? null : firstLineClass(stack);
            event = Events.appError(AppError.builder().errorClass(cls)
                    .errorMessage(message != null ? message : stack.lines().findFirst().orElse(stack))
                    .stackTrace(stack).build());
        } else {
            event = Events.log(LogRecord.builder(level == null ? "INFO" : level.toUpperCase(Locale.ROOT),
                    message).logger(first(line, LOGGER)).build());
        }
        var properties = new LinkedHashMap<String, Object>();
        line.fields().forEachRemaining(f -> {
            if (!TAKEN.contains(f.getKey()) && f.getValue().isValueNode() && !f.getValue().isNull()) {
                properties.put(f.getKey(), f.getValue().isNumber() ? f.getValue().decimalValue()
                        : f.getValue().isBoolean() ? f.getValue().booleanValue() : f.getValue().asText());
            }
        });
        return event.eventId(eventId).eventTime(time(first(line, TIME), fallbackTime))
                .userId(first(line, USER)).sessionId(first(line, SESSION))
                .properties(properties).build();
    }

    private static String firstLineClass(String stack) {
        String first = stack.lines().findFirst().orElse("").strip();
        int colon = first.indexOf(':');
        String cls = colon > 0 ? first.substring(0, colon) : first;
        return cls.matches("[\\w.$]+") ? cls : null;
    }

    private static Instant time(String text, Instant fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(text));
            } catch (NumberFormatException e2) {
                return fallback;
            }
        }
    }

    private static String first(JsonNode line, List<String> names) {
        for (String name : names) {
            JsonNode v = line.get(name);
            if (v == null && name.contains(".")) {
                v = line.at("/" + name.replace('.', '/'));
            }
            if (v != null && !v.isMissingNode() && !v.isNull() && !v.asText().isBlank()) {
                return v.isValueNode() ? v.asText() : v.toString();
            }
        }
        return null;
    }

}
