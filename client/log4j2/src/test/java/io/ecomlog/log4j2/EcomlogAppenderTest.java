package io.ecomlog.log4j2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.event.App;
import io.ecomlog.event.AppError;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import io.ecomlog.event.Events;
import io.ecomlog.event.LogRecord;
import io.ecomlog.event.Order;
import io.ecomlog.event.Product;
import io.ecomlog.spool.SpoolLocation;
import io.ecomlog.testing.FirehoseStub;
import io.ecomlog.testing.KinesisLocal;
import io.ecomlog.testing.KinesisRecordData;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/**
 * log4j2.xml files drive real Log4j2 loggers (synchronous, AsyncLogger, AsyncAppender) into kinesis-local and the
 * Firehose stub; what arrives is read back independently, decoded and compared field by field.
 */
class EcomlogAppenderTest {

    private static KinesisLocal kinesis;
    private static FirehoseStub firehose;
    private LoggerContext ctx;

    @BeforeAll
    static void standIns() {
        Log4j2Configs.useTestProfile();
        kinesis = KinesisLocal.shared();
        firehose = FirehoseStub.shared();
        System.setProperty("KINESIS_ENDPOINT", kinesis.endpoint().toString());
        System.setProperty("FIREHOSE_ENDPOINT", firehose.endpoint().toString());
    }

    @AfterEach
    void clean() {
        ThreadContext.clearAll();
        if (ctx != null) {
            ctx.stop(10, TimeUnit.SECONDS);
        }
    }

    private static String newStream(String prefix) {
        String stream = kinesis.uniqueStreamName(prefix);
        kinesis.createStream(stream, 1);
        System.setProperty("KINESIS_STREAM", stream);
        return stream;
    }

    private static List<EcomEvent> arrived(String stream) {
        return Log4j2Configs.decode(kinesis.readAll(stream).stream().map(KinesisRecordData::data).toList());
    }

    @Test
    void linesTypedMessagesAndErrorsArriveThroughSyncAsyncLoggerAndAsyncAppender() {
        String stream = newStream("log4j2");
        ctx = Log4j2Configs.start("/log4j2-test-kinesis.xml");
        EcomlogAppender appender = ctx.getConfiguration().getAppender("ECOMLOG");
        assertThat(appender).isNotNull();
        assertThat(appender.stats()).as("no client before the first event").isNull();

        ThreadContext.put("session_id", "s-1");
        ThreadContext.put("user_id", "u-1");
        ThreadContext.put("req", "r-1");
        ThreadContext.put("tenant", "acme");
        String thread = Thread.currentThread().getName();

        ctx.getLogger("shop.Inventory").info("stock reserved for {}", "P-1001");
        var phone = Product.builder("P-1001").name("iPhone 15").price("799.00").quantity(1).build();
        EcomEvent order = Events.orderCompleted(Order.builder().orderId("O-42").total("812.50")
                .products(List.of(phone)).build()).currency("EUR").build();
        ctx.getLogger("shop.async.Orders").info(EcomEventMessage.of(order, "order placed"));
        ctx.getLogger("shop.queued.Cart").warn("cart {} abandoned", "C-7");
        EcomEvent signup = Events.signedUp("email").build();
        ctx.getLogger("shop.queued.Accounts").info(EcomEventMessage.of(signup));
        ctx.getLogger("shop.async.Payments").error("payment failed for {}", "O-42",
                new IllegalStateException("card declined"));
        ctx.getLogger("io.ecomlog.pipeline.Internal").warn("never sent");
        ctx.getLogger("software.amazon.awssdk.request").info("never sent either");

        await().atMost(Duration.ofSeconds(30)).until(() -> arrived(stream).size() >= 5);
        var events = arrived(stream);
        assertThat(events).hasSize(5);
        assertThat(events).as("every event carries the application, log lines and errors too")
                .allSatisfy(e -> assertThat(e.app()).isEqualTo(new App("shop-backend", "2.4.1", "test",
                        SpoolLocation.hostName())));
        Map<EventType, List<EcomEvent>> byType = events.stream().collect(Collectors.groupingBy(EcomEvent::eventType));

        var logs = byType.get(EventType.LOG).stream()
                .collect(Collectors.toMap(e -> ((LogRecord) e.payload()).logger(), e -> e));
        EcomEvent sync = logs.get("shop.Inventory");
        var record = (LogRecord) sync.payload();
        assertThat(record.level()).isEqualTo("INFO");
        assertThat(record.message()).isEqualTo("stock reserved for P-1001");
        assertThat(record.thread()).isEqualTo(thread);
        assertThat(sync.sessionId()).isEqualTo("s-1");
        assertThat(sync.userId()).isEqualTo("u-1");
        assertThat(sync.properties()).containsEntry("request_id", "r-1");
        assertThat(sync.mdc()).containsEntry("tenant", "acme");

        EcomEvent queued = logs.get("shop.queued.Cart");
        assertThat(((LogRecord) queued.payload()).message()).isEqualTo("cart C-7 abandoned");
        assertThat(((LogRecord) queued.payload()).level()).isEqualTo("WARN");
        assertThat(queued.sessionId()).as("ThreadContext captured before the AsyncAppender's queue").isEqualTo("s-1");

        EcomEvent typed = byType.get(EventType.ORDER_COMPLETED).get(0);
        assertThat(typed.eventId()).isEqualTo(order.eventId());
        assertThat(typed.payload()).isEqualTo(order.payload());
        assertThat(typed.currency()).isEqualTo("EUR");
        assertThat(typed.sessionId()).isEqualTo("s-1");

        EcomEvent signedUp = byType.get(EventType.SIGNED_UP).get(0);
        assertThat(signedUp.eventId()).as("typed message through the AsyncAppender").isEqualTo(signup.eventId());
        assertThat(signedUp.payload()).isEqualTo(signup.payload());
        assertThat(signedUp.userId()).isEqualTo("u-1");

        EcomEvent error = byType.get(EventType.APP_ERROR).get(0);
        var appError = (AppError) error.payload();
        assertThat(appError.errorClass()).isEqualTo("java.lang.IllegalStateException");
        assertThat(appError.errorMessage()).isEqualTo("card declined");
        assertThat(appError.stackTrace()).contains(EcomlogAppenderTest.class.getName());
        assertThat(appError.requestId()).isEqualTo("r-1");
        assertThat(error.properties()).containsEntry("log_message", "payment failed for O-42")
                .containsEntry("logger", "shop.async.Payments");
    }

    @Test
    void contextStopFlushesEverythingBeforeTheLingerTime() {
        String stream = newStream("log4j2-stop");
        // the default context, so that the SDK's and Resilience4j's SLF4J logging (DEBUG) reaches the appender too
        ctx = Log4j2Configs.configureDefault("/log4j2-test-shutdown.xml");
        var logger = org.apache.logging.log4j.LogManager.getLogger("shop.Checkout");
        IntStream.range(0, 40).forEach(i -> logger.info("line {}", i));
        assertThat(arrived(stream)).as("linger is a minute: nothing sent yet").isEmpty();
        EcomlogAppender appender = ctx.getConfiguration().getAppender("ECOMLOG");
        assertThat(appender.stats().accepted()).as("only the application's lines were taken").isEqualTo(40);

        assertThat(ctx.stop(20, TimeUnit.SECONDS)).isTrue();
        ctx = null;

        var messages = arrived(stream).stream().map(e -> ((LogRecord) e.payload()).message()).toList();
        // exactly the application's lines: nothing logged while sending came back in
        assertThat(messages).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 40).mapToObj(i -> "line " + i).toList());
    }

    @Test
    void jsonTemplateLayoutOutputIsAcceptedAsItIs() throws IOException {
        String stream = firehose.uniqueDeliveryStreamName("json-template");
        System.setProperty("FIREHOSE_STREAM", stream);
        ctx = Log4j2Configs.start("/log4j2-test-json.xml");
        ThreadContext.put("session_id", "s-9");
        ctx.getLogger("shop.Checkout").info("hello template {}", 1);
        EcomEvent login = Events.loginSucceeded("password").userId("u-7").build();
        ctx.getLogger("shop.Checkout").info(EcomEventMessage.of(login));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> Log4j2Configs.lines(firehose.receivedRecords(stream)).size() >= 2);
        var lines = Log4j2Configs.lines(firehose.receivedRecords(stream));
        assertThat(lines).hasSize(2);
        var json = new ObjectMapper();
        JsonNode template = null;
        EcomEvent typed = null;
        for (byte[] line : lines) {
            JsonNode node = json.readTree(line);
            if (node.has("@timestamp")) {
                template = node;
            } else {
                typed = Log4j2Configs.decode(List.of(line)).get(0);
            }
        }
        assertThat(template).isNotNull();
        assertThat(template.get("message").asText()).isEqualTo("hello template 1");
        assertThat(template.get("log.logger").asText()).isEqualTo("shop.Checkout");
        assertThat(template.get("log.level").asText()).isEqualTo("INFO");
        assertThat(template.toString()).contains("s-9");
        assertThat(typed).isNotNull();
        assertThat(typed.eventId()).isEqualTo(login.eventId());
        assertThat(typed.sessionId()).isEqualTo("s-9");
    }

    @Test
    void aMisconfiguredDestinationIsAStatusMessageNotAnException() {
        var statuses = new CopyOnWriteArrayList<StatusData>();
        StatusListener listener = new StatusListener() {
            @Override
            public void log(StatusData data) {
                statuses.add(data);
            }

            @Override
            public Level getStatusLevel() {
                return Level.ERROR;
            }

            @Override
            public void close() {
            }
        };
        StatusLogger.getLogger().registerListener(listener);
        try {
            assertThatCode(() -> {
                ctx = Log4j2Configs.start("/log4j2-test-misconfigured.xml");
                ctx.getLogger("shop.Any").info("goes nowhere, quietly");
            }).doesNotThrowAnyException();
        } finally {
            StatusLogger.getLogger().removeListener(listener);
        }
        assertThat(ctx.getConfiguration().getAppenders()).doesNotContainKey("ECOMLOG");
        var messages = statuses.stream().map(s -> s.getMessage().getFormattedMessage()).toList();
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("no destination").contains("kinesisStream"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("linger").contains("soon"));
    }
}
