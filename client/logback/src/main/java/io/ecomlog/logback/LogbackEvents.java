package io.ecomlog.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.logging.LogLine;
import org.slf4j.event.KeyValuePair;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reads Logback events into the framework-neutral {@link LogLine}. */
final class LogbackEvents {

    private LogbackEvents() {
    }

    /** The typed event a marker of {@link EcomMarkers} carries, or null. */
    static EcomEvent typedEvent(ILoggingEvent event) {
        return EcomMarkers.eventOf(event.getMarkerList());
    }

    /**
     * Classes whose instances cannot change once made (exact classes: a subclass of {@code BigDecimal} could be
     * mutable). A message whose arguments are all of these formats the same later, on the client's thread.
     */
    private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Long.class, Integer.class, Short.class,
            Byte.class, Double.class, Float.class, Boolean.class, Character.class, BigDecimal.class, BigInteger.class,
            UUID.class, Instant.class, LocalDate.class, LocalDateTime.class, OffsetDateTime.class, ZonedDateTime.class,
            Duration.class);
    /** A flat allowance per argument for the estimate of a message not yet formatted. */
    private static final int ARGUMENT_CHARS = 20;

    /**
     * The line's estimated size when it can be built later, on the client's thread: no throwable, and every argument
     * of the message null or {@link #IMMUTABLE}; else 0. Formatting is a third of what the appender costs the logging
     * thread. Call after the event's thread name and MDC have been read on the logging thread (Logback computes and
     * keeps them at first read).
     */
    static int laterSize(ILoggingEvent event) {
        if (event.getThrowableProxy() != null) {
            return 0;
        }
        Object[] arguments = event.getArgumentArray();
        if (arguments != null) {
            for (Object a : arguments) {
                if (a != null && !IMMUTABLE.contains(a.getClass())) {
                    return 0;
                }
            }
        }
        var message = event.getMessage();
        var pairs = event.getKeyValuePairs();
        return LogLine.estimatedSize((message == null ? 0 : message.length())
                        + ARGUMENT_CHARS * (arguments == null ? 0 : arguments.length), false, 0,
                event.getMDCPropertyMap().size(), pairs == null ? 0 : pairs.size());
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
