package io.ecomlog.logback;

import ch.qos.logback.classic.LoggerContext;
import io.ecomlog.event.App;
import io.ecomlog.event.AppError;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import io.ecomlog.event.Events;
import io.ecomlog.event.LogRecord;
import io.ecomlog.event.Order;
import io.ecomlog.event.Product;
import io.ecomlog.spool.SpoolLocation;
import io.ecomlog.testing.KinesisLocal;
import io.ecomlog.testing.KinesisRecordData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * logback.xml files drive real SLF4J loggers into kinesis-local; what arrives is read back by an independent
 * GetRecords reader, decoded, and compared field by field.
 */
class EcomlogAppenderKinesisTest {

    private static KinesisLocal kinesis;

    @BeforeAll
    static void standIns() {
        LogbackConfigs.useTestProfile();
        kinesis = KinesisLocal.shared();
        System.setProperty("KINESIS_ENDPOINT", kinesis.endpoint().toString());
    }

    @AfterEach
    void clean() {
        MDC.clear();
        ((LoggerContext) LoggerFactory.getILoggerFactory()).reset();
    }

    private static String newStream(String prefix) {
        String stream = kinesis.uniqueStreamName(prefix);
        kinesis.createStream(stream, 1);
        System.setProperty("KINESIS_STREAM", stream);
        return stream;
    }

    private static List<EcomEvent> arrived(String stream) {
        return LogbackConfigs.decode(kinesis.readAll(stream).stream().map(KinesisRecordData::data).toList());
    }

    @Test
    void logLinesTypedEventsAndErrorsArriveFieldByField() {
        String stream = newStream("logback");
        LoggerContext ctx = LogbackConfigs.configure("/logback-test-kinesis.xml");
        EcomlogAppender appender = LogbackConfigs.appender(ctx);
        assertThat(appender.isStarted()).isTrue();
        assertThat(appender.ecomlogClient()).as("no client before the first event").isNull();

        Logger inventory = LoggerFactory.getLogger("shop.Inventory");
        Logger orders = LoggerFactory.getLogger("shop.Orders");
        MDC.put("session_id", "s-1");
        MDC.put("user_id", "u-1");
        MDC.put("req", "r-1");
        MDC.put("tenant", "acme");

        inventory.info("stock reserved for {}", "P-1001");

        var phone = Product.builder("P-1001").sku("IP15-128-BLK").name("iPhone 15").brand("Apple")
                .category("electronics/smartphone").price("799.00").quantity(1).build();
        EcomEvent order = Events.orderCompleted(Order.builder().orderId("O-42").total("812.50").tax("13.50")
                .shipping("0").products(List.of(phone)).build()).currency("EUR").build();
        orders.info(EcomMarkers.event(order), "order placed");
        EcomEvent ownSession = Events.loginFailed("password", "bad_password").sessionId("s-own").build();
        orders.warn(EcomMarkers.event(ownSession), "login failed");

        var failure = new IllegalStateException("card declined");
        orders.error("payment failed for {}", "O-42", failure);

        // never sent: the library's own loggers and the AWS SDK's
        LoggerFactory.getLogger("io.ecomlog.pipeline.Something").warn("internal");
        LoggerFactory.getLogger("software.amazon.awssdk.request").info("sdk chatter");
        String thread = Thread.currentThread().getName();

        await().atMost(Duration.ofSeconds(30)).until(() -> arrived(stream).size() >= 4);
        var events = arrived(stream);
        assertThat(events).hasSize(4);
        assertThat(events).as("every event carries the application, log lines and errors too")
                .allSatisfy(e -> assertThat(e.app()).isEqualTo(new App("shop-backend", "2.4.1", "test",
                        SpoolLocation.hostName())));
        assertThat(appender.stats().accepted()).isEqualTo(4);
        Map<EventType, List<EcomEvent>> byType = events.stream().collect(Collectors.groupingBy(EcomEvent::eventType));

        EcomEvent log = byType.get(EventType.LOG).get(0);
        var record = (LogRecord) log.payload();
        assertThat(record.level()).isEqualTo("INFO");
        assertThat(record.logger()).isEqualTo("shop.Inventory");
        assertThat(record.thread()).isEqualTo(thread);
        assertThat(record.message()).isEqualTo("stock reserved for P-1001");
        assertThat(record.errorClass()).isNull();
        assertThat(log.sessionId()).isEqualTo("s-1");
        assertThat(log.userId()).isEqualTo("u-1");
        assertThat(log.properties()).containsEntry("request_id", "r-1");
        assertThat(log.mdc()).containsEntry("tenant", "acme").containsEntry("session_id", "s-1");
        assertThat(log.sentAt()).isNotNull();

        EcomEvent typed = byType.get(EventType.ORDER_COMPLETED).get(0);
        assertThat(typed.eventId()).isEqualTo(order.eventId());
        assertThat(typed.eventTime()).isEqualTo(order.eventTime());
        assertThat(typed.payload()).isEqualTo(order.payload());
        assertThat(typed.currency()).isEqualTo("EUR");
        assertThat(typed.sessionId()).as("completed from the MDC").isEqualTo("s-1");
        assertThat(typed.userId()).isEqualTo("u-1");
        assertThat(typed.properties()).containsEntry("request_id", "r-1");

        EcomEvent login = byType.get(EventType.LOGIN_FAILED).get(0);
        assertThat(login.eventId()).isEqualTo(ownSession.eventId());
        assertThat(login.payload()).isEqualTo(ownSession.payload());
        assertThat(login.sessionId()).as("the event's own value wins").isEqualTo("s-own");

        EcomEvent error = byType.get(EventType.APP_ERROR).get(0);
        var appError = (AppError) error.payload();
        assertThat(appError.errorClass()).isEqualTo("java.lang.IllegalStateException");
        assertThat(appError.errorMessage()).isEqualTo("card declined");
        assertThat(appError.stackTrace()).contains("IllegalStateException")
                .contains(EcomlogAppenderKinesisTest.class.getName());
        assertThat(appError.stackTrace().length()).isLessThanOrEqualTo(Events.DEFAULT_MAX_STACK_BYTES + 200);
        assertThat(appError.requestId()).isEqualTo("r-1");
        assertThat(error.properties()).containsEntry("log_message", "payment failed for O-42")
                .containsEntry("log_level", "ERROR").containsEntry("logger", "shop.Orders");
        assertThat(error.sessionId()).isEqualTo("s-1");
    }

    @Test
    void aMessageReadsAsAtTheCallWhetherItsArgumentsCanChangeOrNot() {
        String stream = newStream("logback-args");
        LogbackConfigs.configure("/logback-test-kinesis.xml");
        Logger cart = LoggerFactory.getLogger("shop.Cart");
        List<String> items = new ArrayList<>(List.of("P-1"));
        var lines = new StringBuilder("1 line");

        cart.info("cart holds {} ({})", items, lines); // mutable: formatted on this thread
        items.add("P-2");
        lines.replace(0, lines.length(), "2 lines");
        cart.info("cart total {} for {} items, user {}", new BigDecimal("129.90"), 2L, null); // built later

        await().atMost(Duration.ofSeconds(30)).until(() -> arrived(stream).size() >= 2);
        assertThat(arrived(stream)).map(e -> ((LogRecord) e.payload()).message()).containsExactlyInAnyOrder(
                "cart holds [P-1] (1 line)", "cart total 129.90 for 2 items, user null");
        assertThat(arrived(stream)).map(e -> ((LogRecord) e.payload()).thread())
                .containsOnly(Thread.currentThread().getName());
    }

    @Test
    void loggerContextStopFlushesEverythingBeforeTheLingerTime() {
        String stream = newStream("logback-stop");
        LoggerContext ctx = LogbackConfigs.configure("/logback-test-shutdown.xml");
        Logger logger = LoggerFactory.getLogger("shop.Checkout");
        MDC.put("session_id", "s-stop");
        IntStream.range(0, 60).forEach(i -> logger.info("line {}", i));
        assertThat(arrived(stream)).as("linger is a minute: nothing sent yet").isEmpty();

        ctx.stop();

        var events = arrived(stream); // no waiting: stop() returned after the close
        assertThat(events).hasSize(60);
        var messages = events.stream().map(e -> ((LogRecord) e.payload()).message())
                .collect(Collectors.toMap(Function.identity(), m -> 1, Integer::sum));
        assertThat(messages.keySet()).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 60).mapToObj(i -> "line " + i).toList());
        assertThat(events).allSatisfy(e -> assertThat(e.sessionId()).isEqualTo("s-stop"));
    }
}
