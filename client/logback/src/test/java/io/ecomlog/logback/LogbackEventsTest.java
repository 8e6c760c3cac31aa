package io.ecomlog.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Which lines may be built later, on the client's thread, and that such a line is the one built now. */
class LogbackEventsTest {

    /** SLF4J's context, which holds the MDC adapter that events read. */
    private final Logger logger = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("shop.Cart");

    private LoggingEvent event(String message, Throwable error, Object... arguments) {
        var event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, error, arguments);
        event.getThreadName(); // as the appender does on the logging thread
        event.getMDCPropertyMap();
        return event;
    }

    @Test
    void aMessageWhoseArgumentsCannotChangeIsBuiltLaterAndReadsTheSame() {
        var id = UUID.fromString("5e551000-0000-4000-8000-000000000001");
        var at = Instant.parse("2026-12-07T12:00:00Z");
        var event = event("cart {} of {}: {} items, {} total, at {}, note {}", null, id, "u-1", 3L,
                new BigDecimal("129.90"), at, null);

        int size = LogbackEvents.laterSize(event);

        assertThat(size).as("estimated from the pattern and the arguments").isGreaterThan(300);
        assertThat(LogbackEvents.line(event).message()).isEqualTo("cart " + id + " of u-1: 3 items, 129.90 total, at "
                + at + ", note null");
    }

    @Test
    void aMutableArgumentASubclassOrAThrowableKeepsTheLineOnTheLoggingThread() {
        List<String> items = new ArrayList<>(List.of("P-1"));
        assertThat(LogbackEvents.laterSize(event("cart {}", null, items))).as("a list can change").isZero();
        assertThat(LogbackEvents.laterSize(event("cart {}", null, new StringBuilder("P-1")))).isZero();
        assertThat(LogbackEvents.laterSize(event("total {}", null, new BigDecimal("1") { })))
                .as("a subclass of an immutable class may not be").isZero();
        assertThat(LogbackEvents.laterSize(event("failed {}", new IllegalStateException("x"), "O-1"))).isZero();
        assertThat(LogbackEvents.laterSize(event("no arguments", null))).isPositive();
    }
}
