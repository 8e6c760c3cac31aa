package io.ecomlog.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.status.Status;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.AppError;
import io.ecomlog.event.EventType;
import io.ecomlog.event.LogRecord;
import io.ecomlog.testing.FirehoseStub;
import io.ecomlog.testing.KinesisLocal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The appender never feeds itself, reports delivery problems as status messages, and its encoder stands alone. */
class EcomlogAppenderSafetyTest {

    @BeforeAll
    static void standIns() {
        LogbackConfigs.useTestProfile();
        System.setProperty("FIREHOSE_ENDPOINT", FirehoseStub.shared().endpoint().toString());
        System.setProperty("KINESIS_ENDPOINT", KinesisLocal.shared().endpoint().toString());
    }

    @AfterEach
    void clean() {
        MDC.clear();
        ((LoggerContext) LoggerFactory.getILoggerFactory()).reset();
    }

    @Test
    void anEncoderThatLogsWhileEncodingDoesNotLoopBackIntoTheAppender() {
        var firehose = FirehoseStub.shared();
        String stream = firehose.uniqueDeliveryStreamName("reentrant");
        System.setProperty("FIREHOSE_STREAM", stream);
        LoggerContext ctx = LogbackConfigs.configure("/logback-test-reentrant.xml");
        LoggerFactory.getLogger("shop.Outer").info("one line");

        await().atMost(Duration.ofSeconds(20)).until(() -> !firehose.receivedRecords(stream).isEmpty());
        ctx.stop(); // flushes; and the SDK's DEBUG logging at the root level never arrives either
        var events = LogbackConfigs.decode(firehose.receivedRecords(stream));
        assertThat(events).hasSize(1);
        assertThat(((LogRecord) events.get(0).payload()).message()).isEqualTo("INFO one line");
    }

    @Test
    void deliveryProblemsReachTheStatusManagerAsWarnings() {
        System.setProperty("KINESIS_STREAM", KinesisLocal.shared().uniqueStreamName("never-created"));
        LoggerContext ctx = LogbackConfigs.configure("/logback-test-missing-stream.xml");
        EcomlogAppender appender = LogbackConfigs.appender(ctx);
        LoggerFactory.getLogger("shop.Orders").info("to a stream that does not exist");

        await().atMost(Duration.ofSeconds(20)).until(() -> ctx.getStatusManager().getCopyOfStatusList().stream()
                .anyMatch(s -> s.getLevel() == Status.WARN && s.getMessage().startsWith("ecomlog [ECOMLOG]")));
        assertThat(appender.stats().accepted()).isEqualTo(1);
        ctx.stop();
    }

    @Test
    void theJsonEncoderWritesOneEcomlogLinePerEvent() {
        var ctx = new LoggerContext();
        var encoder = new EcomlogJsonEncoder();
        encoder.setContext(ctx);
        encoder.start();
        var logger = ctx.getLogger("shop.Payments");
        var event = new LoggingEvent(LoggerFactory.class.getName(), logger, Level.ERROR, "refund {} failed",
                new IllegalArgumentException("already refunded"), new Object[] {"R-1"});
        event.setMDCPropertyMap(Map.of("session_id", "s-5", "request_id", "r-5"));

        byte[] line = encoder.encode(event);
        assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
        assertThat(new String(line, StandardCharsets.UTF_8).trim()).doesNotContain("\n");
        var decoded = new EventCodec().decode(java.util.Arrays.copyOf(line, line.length - 1));
        assertThat(decoded.eventType()).isEqualTo(EventType.APP_ERROR);
        assertThat(((AppError) decoded.payload()).errorMessage()).isEqualTo("already refunded");
        assertThat(((AppError) decoded.payload()).requestId()).isEqualTo("r-5");
        assertThat(decoded.sessionId()).isEqualTo("s-5");
        assertThat(decoded.properties()).containsEntry("log_message", "refund R-1 failed");
        assertThat(decoded.eventTime().toEpochMilli()).isEqualTo(event.getTimeStamp());
    }
}
