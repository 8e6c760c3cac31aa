package io.ecomlog.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import io.ecomlog.event.Events;
import io.ecomlog.event.LogRecord;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.testing.FirehoseStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/** Other encoders (LogstashEncoder, PatternLayoutEncoder) into the Firehose stub, and a misconfigured appender. */
class EcomlogAppenderEncodersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FirehoseStub firehose;

    @BeforeAll
    static void standIns() {
        LogbackConfigs.useTestProfile();
        firehose = FirehoseStub.shared();
        System.setProperty("FIREHOSE_ENDPOINT", firehose.endpoint().toString());
    }

    @AfterEach
    void clean() {
        MDC.clear();
        ((LoggerContext) LoggerFactory.getILoggerFactory()).reset();
    }

    private static String newStream(String prefix) {
        String stream = firehose.uniqueDeliveryStreamName(prefix);
        System.setProperty("FIREHOSE_STREAM", stream);
        return stream;
    }

    @Test
    void logstashEncoderOutputIsAcceptedAsItIs() throws IOException {
        String stream = newStream("logstash");
        LoggerContext ctx = LogbackConfigs.configure("/logback-test-logstash.xml");
        Logger logger = LoggerFactory.getLogger("shop.Checkout");
        MDC.put("session_id", "s-9");
        logger.info("hello logstash {}", 1);
        logger.warn("declined", new IllegalArgumentException("bad card"));
        EcomEvent viewed = Events.loginSucceeded("password").userId("u-7").build();
        logger.info(EcomMarkers.event(viewed), "typed through a JSON encoder");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> LogbackConfigs.lines(firehose.receivedRecords(stream)).size() >= 3);
        List<byte[]> lines = LogbackConfigs.lines(firehose.receivedRecords(stream));
        assertThat(lines).hasSize(3);
        var logstash = new ArrayList<JsonNode>();
        EcomEvent typed = null;
        for (byte[] line : lines) {
            JsonNode node = JSON.readTree(line);
            if (node.has("@timestamp")) {
                logstash.add(node);
            } else {
                typed = LogbackConfigs.decode(List.of(line)).get(0);
            }
        }
        assertThat(logstash).hasSize(2);
        JsonNode hello = logstash.stream().filter(n -> n.get("level").asText().equals("INFO")).findFirst()
                .orElseThrow();
        assertThat(hello.get("message").asText()).isEqualTo("hello logstash 1");
        assertThat(hello.get("logger_name").asText()).isEqualTo("shop.Checkout");
        assertThat(hello.get("session_id").asText()).isEqualTo("s-9");
        assertThat(hello.has("event_id")).as("the line is sent as the encoder wrote it").isFalse();
        JsonNode declined = logstash.stream().filter(n -> n.get("level").asText().equals("WARN")).findFirst()
                .orElseThrow();
        assertThat(declined.get("stack_trace").asText()).contains("IllegalArgumentException: bad card");

        assertThat(typed).isNotNull();
        assertThat(typed.eventType()).isEqualTo(EventType.LOGIN_SUCCEEDED);
        assertThat(typed.eventId()).isEqualTo(viewed.eventId());
        assertThat(typed.userId()).isEqualTo("u-7");
        assertThat(typed.sessionId()).isEqualTo("s-9");
        assertThat(ctx.getStatusManager().getCopyOfStatusList())
                .noneMatch(s -> s.getLevel() >= Status.WARN && s.getOrigin() instanceof EcomlogAppender);
    }

    @Test
    void patternLayoutTextIsWrappedAsTheMessageOfALogEvent() {
        String stream = newStream("pattern");
        LogbackConfigs.configure("/logback-test-pattern.xml");
        Logger logger = LoggerFactory.getLogger("shop.Cart");
        MDC.put("session_id", "s-2");
        logger.info("added {} items", 2);

        await().atMost(Duration.ofSeconds(20)).until(() -> !firehose.receivedRecords(stream).isEmpty());
        var records = firehose.receivedRecords(stream);
        assertThat(RecordCodec.isGzip(records.get(0))).as("<gzip>true</gzip>").isTrue();
        var events = LogbackConfigs.decode(records);
        assertThat(events).hasSize(1);
        EcomEvent event = events.get(0);
        assertThat(event.eventType()).isEqualTo(EventType.LOG);
        var record = (LogRecord) event.payload();
        assertThat(record.message()).isEqualTo("INFO  [s-2] Cart - added 2 items");
        assertThat(record.level()).isEqualTo("INFO");
        assertThat(record.logger()).isEqualTo("shop.Cart");
        assertThat(event.sessionId()).isEqualTo("s-2");
    }

    @Test
    void aMisconfiguredDestinationIsAStatusMessageNotAnException() {
        LoggerContext ctx = LogbackConfigs.configure("/logback-test-misconfigured.xml");
        EcomlogAppender appender = LogbackConfigs.appender(ctx);
        assertThat(appender.isStarted()).isFalse();
        var errors = ctx.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() == Status.ERROR).map(Status::getMessage).toList();
        assertThat(errors).anySatisfy(m -> assertThat(m).contains("no destination")
                .contains("kinesisStream"));
        assertThat(errors).anySatisfy(m -> assertThat(m).contains("linger").contains("soon"));
        assertThatCode(() -> LoggerFactory.getLogger("shop.Any").info("goes nowhere, quietly"))
                .doesNotThrowAnyException();
    }
}
