package io.ecomlog.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.logging.LogLine;
import org.slf4j.event.KeyValuePair;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads Logback events into the framework-neutral {@link LogLine}. */
final class LogbackEvents {

    private LogbackEvents() {
    }

    /** The typed event a marker of {@link EcomMarkers} carries, or null. */
    static EcomEvent typedEvent(ILoggingEvent event) {
        return EcomMarkers.eventOf(event.getMarkerList());
    }

    static LogLine line(ILoggingEvent event) {
        Throwable error = null;
        String errorClass = null;
        String errorMessage = null;
        String stackTrace = null;
        IThrowableProxy proxy = event.getThrowableProxy();
        if (proxy instanceof ThrowableProxy tp && tp.getThrowable() != null) {
            error = tp.getThrowable();
        } else if (proxy != null) {
            errorClass = proxy.getClassName();
            errorMessage = proxy.getMessage();
            stackTrace = ThrowableProxyUtil.asString(proxy);
        }
        Instant time = event.getInstant() != null ? event.getInstant() : Instant.ofEpochMilli(event.getTimeStamp());
        return new LogLine(time, event.getLevel() == null ? null : event.getLevel().toString(),
                event.getLoggerName(), event.getThreadName(), event.getFormattedMessage(), error, errorClass,
                errorMessage, stackTrace, event.getMDCPropertyMap(), keyValues(event.getKeyValuePairs()));
    }

    private static Map<String, Object> keyValues(List<KeyValuePair> pairs) {
        if (pairs == null || pairs.isEmpty()) {
            return Map.of();
        }
        var map = new LinkedHashMap<String, Object>();
        for (KeyValuePair p : pairs) {
            if (p != null && p.key != null && p.value != null) {
                map.put(p.key, p.value);
            }
        }
        return map;
    }
}
