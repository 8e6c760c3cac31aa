package io.ecomlog.logging;

import io.ecomlog.event.App;
import io.ecomlog.event.AppError;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventValidationException;
import io.ecomlog.event.Events;
import io.ecomlog.event.LogRecord;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns logging events into ecomlog events, the same way for every logging framework:
 *
 * <ul>
 *   <li>a typed event carried by the logging call (a Logback marker, a Log4j2 message) is sent as that event,
 *       its envelope completed from the MDC where it has no value of its own;</li>
 *   <li>a line with a throwable becomes {@code app_error} with a bounded stack trace (unless
 *       {@link Settings#errorsAsAppError} is off, then a {@code log} event with the error fields);</li>
 *   <li>any other line becomes a {@code log} event.</li>
 * </ul>
 *
 * <p>MDC keys fill the envelope: {@code user_id}, {@code session_id} and {@code anonymous_id} (key names
 * configurable), the request id goes to {@code properties.request_id} (and {@code app_error.request_id}); the whole
 * MDC is kept in the envelope's {@code mdc}. Every event gets the configured {@link Settings#app} (name, version,
 * environment, host) where it has none, so log lines are filed under their application downstream as typed events
 * are. Immutable and thread-safe.
 */
public final class LogEventMapper {

    /** Property names used for log fields on events that are not {@code log} events. */
    public static final String PROP_MESSAGE = "log_message";
    public static final String PROP_LEVEL = "log_level";
    public static final String PROP_LOGGER = "logger";
    public static final String PROP_THREAD = "thread";
    public static final String PROP_REQUEST_ID = "request_id";

    private final Settings settings;

    public LogEventMapper(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The event for a logging event without a typed event: {@code app_error} for a throwable, else {@code log}.
     *
     * @throws EventValidationException only if even the fallback {@code log} event is invalid (never in practice)
     */
    public EcomEvent map(LogLine line) {
        if (line.hasError() && settings.errorsAsAppError()) {
            try {
                return appError(line);
            } catch (EventValidationException e) {
                // fall through to a plain log line, which always validates
            }
        }
        return logEvent(line, line.message());
    }

    /** A {@code log} event whose message is {@code text} (the output of a text layout, say). */
    public EcomEvent mapText(LogLine line, String text) {
        return logEvent(line, text);
    }

    /**
     * A typed event from the logging call, with the envelope completed from the MDC: user, session and anonymous id
     * where the event has none, the request id as a property, the MDC where the event has none; and the configured
     * application where the event has none. The event's own values always win. Returns the same instance when there
     * is nothing to add.
     */
    public EcomEvent enrich(EcomEvent event, Map<String, String> mdc) {
        boolean addApp = event.app() == null && settings.app() != null;
        if ((mdc == null || mdc.isEmpty()) && !addApp) {
            return event;
        }
        if (mdc == null) {
            mdc = Map.of();
        }
        String user = value(mdc, settings.userIdKey());
        String session = value(mdc, settings.sessionIdKey());
        String anonymous = value(mdc, settings.anonymousIdKey());
        String request = value(mdc, settings.requestIdKey());
        boolean addUser = event.userId() == null && user != null;
        boolean addSession = event.sessionId() == null && session != null;
        boolean addAnonymous = event.anonymousId() == null && anonymous != null;
        boolean addRequest = request != null && !event.properties().containsKey(PROP_REQUEST_ID);
        boolean addMdc = settings.includeMdc() && !mdc.isEmpty() && (event.mdc() == null || event.mdc().isEmpty());
        if (!(addUser || addSession || addAnonymous || addRequest || addMdc || addApp)) {
            return event;
        }
        var b = event.toBuilder();
        if (addApp) {
            b.app(settings.app());
        }
        if (addUser) {
            b.userId(user);
        }
        if (addSession) {
            b.sessionId(session);
        }
        if (addAnonymous) {
            b.anonymousId(anonymous);
        }
        if (addRequest) {
            b.property(PROP_REQUEST_ID, request);
        }
        if (addMdc) {
            b.mdc(mdc);
        }
        try {
            return b.build();
        } catch (EventValidationException e) {
            return event; // an MDC value the event's rules refuse: send the event as it was logged
        }
    }

    private EcomEvent appError(LogLine line) {
        var error = AppError.builder();
        if (line.error() != null) {
            error.error(line.error(), settings.maxStackFrames(), settings.maxStackBytes());
        } else {
            error.errorClass(line.errorClass()).errorMessage(line.errorMessage())
                    .stackTrace(bound(line.stackTrace(), settings.maxStackBytes()));
        }
        error.requestId(value(line.mdc(), settings.requestIdKey()));
        var b = Events.appError(error.build());
        envelope(b, line);
        if (line.message() != null) {
            b.property(PROP_MESSAGE, line.message());
        }
        b.property(PROP_LEVEL, line.level());
        b.property(PROP_LOGGER, line.logger());
        b.property(PROP_THREAD, line.thread());
        return b.build();
    }

    private EcomEvent logEvent(LogLine line, String message) {
        var record = LogRecord.builder(line.level(), message == null || message.isBlank() ? "(empty)" : message)
                .logger(line.logger()).thread(line.thread());
        if (line.error() != null) {
            record.error(line.error(), settings.maxStackFrames(), settings.maxStackBytes());
        } else if (line.errorClass() != null) {
            record.errorClass(line.errorClass()).errorMessage(line.errorMessage())
                    .stackTrace(bound(line.stackTrace(), settings.maxStackBytes()));
        }
        var b = Events.log(record.build());
        envelope(b, line);
        try {
            return b.build();
        } catch (EventValidationException e) {
            // an MDC value the envelope rules refuse: keep the line, without the envelope fields
            var plain = Events.log(record.build()).app(settings.app());
            if (line.time() != null) {
                plain.eventTime(line.time());
            }
            if (settings.includeMdc()) {
                plain.mdc(line.mdc());
            }
            return plain.build();
        }
    }

    private void envelope(EcomEvent.Builder b, LogLine line) {
        b.app(settings.app());
        if (line.time() != null) {
            b.eventTime(line.time());
        }
        b.userId(value(line.mdc(), settings.userIdKey()));
        b.sessionId(value(line.mdc(), settings.sessionIdKey()));
        b.anonymousId(value(line.mdc(), settings.anonymousIdKey()));
        String request = value(line.mdc(), settings.requestIdKey());
        if (request != null) {
            b.property(PROP_REQUEST_ID, request);
        }
        if (!line.keyValues().isEmpty()) {
            var props = new LinkedHashMap<String, Object>();
            line.keyValues().forEach((k, v) -> {
                if (k != null && v != null) {
                    props.put(k, v instanceof Number || v instanceof Boolean ? v : String.valueOf(v));
                }
            });
            props.forEach(b::property);
        }
        if (settings.includeMdc() && !line.mdc().isEmpty()) {
            b.mdc(line.mdc());
        }
    }

    private static String value(Map<String, String> mdc, String key) {
        if (key == null || key.isEmpty() || mdc == null) {
            return null;
        }
        String v = mdc.get(key);
        return v == null || v.isEmpty() ? null : v;
    }

    private static String bound(String text, int maxBytes) {
        if (text == null || text.length() <= maxBytes / 4) {
            return text;
        }
        var bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return text;
        }
        // cut at a char boundary well inside the limit
        int chars = Math.min(text.length(), maxBytes / 3);
        return text.substring(0, chars) + "\n\t... (truncated)";
    }

    /**
     * What the mapper reads from the MDC and how it bounds stack traces.
     *
     * @param userIdKey        MDC key of the user id (default {@code user_id}); empty to ignore
     * @param sessionIdKey     MDC key of the session id (default {@code session_id})
     * @param anonymousIdKey   MDC key of the anonymous id (default {@code anonymous_id})
     * @param requestIdKey     MDC key of the request id (default {@code request_id}), sent as
     *                         {@code properties.request_id}
     * @param includeMdc       whether the whole MDC is sent in the envelope's {@code mdc} (default true)
     * @param errorsAsAppError whether a line with a throwable becomes {@code app_error} (default true)
     * @param maxStackFrames   stack frames kept (default {@link Events#DEFAULT_MAX_STACK_FRAMES})
     * @param maxStackBytes    stack trace bytes kept (default {@link Events#DEFAULT_MAX_STACK_BYTES})
     * @param app              the application stamped on every event that has none (null: none)
     */
    public record Settings(String userIdKey, String sessionIdKey, String anonymousIdKey, String requestIdKey,
                           boolean includeMdc, boolean errorsAsAppError, int maxStackFrames, int maxStackBytes,
                           App app) {

        public static final Settings DEFAULT = new Settings("user_id", "session_id", "anonymous_id", "request_id",
                true, true, Events.DEFAULT_MAX_STACK_FRAMES, Events.DEFAULT_MAX_STACK_BYTES, null);
    }
}
