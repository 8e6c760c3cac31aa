package io.ecomlog.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventsTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeHasAFactoryPresettingTypeAndPayload(EventType type) {
        EcomEvent event = ExampleEvents.of(type);

        assertThat(event.eventType()).isEqualTo(type);
        assertThat(event.payload()).isInstanceOf(type.payloadType());
        assertThat(EventType.fromWireName(type.wireName())).isSameAs(type);
    }

    @Test
    void buildFillsAVersion7IdAndTheCurrentTimeToTheMillisecond() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EcomEvent event = Events.productViewed(ExampleEvents.phone()).userId("u1").sessionId("s1").build();
        Instant after = Instant.now();

        assertThat(event.eventId().version()).isEqualTo(7);
        assertThat(event.eventTime()).isBetween(before, after);
        assertThat(event.eventTime().getNano() % 1_000_000).isZero();
        assertThat(UuidV7.timestampMillis(event.eventId())).isBetween(before.toEpochMilli(), after.toEpochMilli());
        assertThat(event.schemaVersion()).isEqualTo(EcomEvent.CURRENT_SCHEMA_VERSION);
        assertThat(event.userId()).isEqualTo("u1");
        assertThat(event.sessionId()).isEqualTo("s1");
        assertThat(event.anonymousId()).isNull();
    }

    @Test
    void givenTimesAreTruncatedToMilliseconds() {
        Instant precise = Instant.parse("2026-11-22T18:58:17.120987654Z");
        EcomEvent event = Events.loginSucceeded("password").eventTime(precise).sentAt(precise.plusSeconds(1)).build();

        assertThat(event.eventTime()).isEqualTo(Instant.parse("2026-11-22T18:58:17.120Z"));
        assertThat(event.sentAt()).isEqualTo(Instant.parse("2026-11-22T18:58:18.120Z"));
    }

    @Test
    void orderIdComesFromPayloadsThatHaveOne() {
        assertThat(ExampleEvents.of(EventType.ORDER_COMPLETED).orderId()).isEqualTo("O-2026-004217");
        assertThat(ExampleEvents.of(EventType.ORDER_REFUNDED).orderId()).isEqualTo("O-2026-004217");
        assertThat(ExampleEvents.of(EventType.TRANSACTION_FAILED).orderId()).isEqualTo("O-2026-004217");
        assertThat(ExampleEvents.of(EventType.COUPON_APPLIED).orderId()).isEqualTo("O-2026-004217");
        assertThat(ExampleEvents.of(EventType.CHECKOUT_STEP_COMPLETED).orderId()).isEqualTo("O-2026-004217");
        assertThat(ExampleEvents.of(EventType.PRODUCT_VIEWED).orderId()).isNull();
        assertThat(ExampleEvents.of(EventType.LOG).orderId()).isNull();
    }

    @Test
    void toBuilderMakesAnEqualEventThatCanBeEnriched() {
        EcomEvent original = ExampleEvents.of(EventType.ORDER_COMPLETED);

        assertThat(original.toBuilder().build()).isEqualTo(original).hasSameHashCodeAs(original);
        EcomEvent enriched = original.toBuilder().userId("u-other").build();
        assertThat(enriched).isNotEqualTo(original);
        assertThat(enriched.eventId()).isEqualTo(original.eventId());
        assertThat(enriched.userId()).isEqualTo("u-other");
    }

    @Test
    void convenienceFactoriesFillTheirPayloads() {
        var failed = (TransactionFailure) Events.transactionFailed("O-1", FailureReason.FRAUD_SUSPECTED).build()
                .payload();
        assertThat(failed.reason()).isEqualTo("fraud_suspected");
        assertThat(failed.orderId()).isEqualTo("O-1");

        var denied = (Coupon) Events.couponDenied("SUMMER10", "expired").build().payload();
        assertThat(denied).isEqualTo(new Coupon("SUMMER10", null, null, "expired", null, null));

        var login = (Authentication) Events.loginFailed("password", "bad_password").build().payload();
        assertThat(login).isEqualTo(new Authentication("password", "bad_password"));

        EcomEvent search = Events.productsSearched("usb c").build();
        assertThat(search.payload()).isEqualTo(Search.of("usb c"));

        EcomEvent page = Events.pageViewed(Page.builder().path("/cart").build()).build();
        assertThat(page.page().path()).isEqualTo("/cart");
        assertThat(page.payload()).isEqualTo(new PageView(null, null));
    }

    @Test
    void appErrorTakesClassMessageAndCausesFromTheThrowable() {
        var error = new IllegalStateException("stock service unavailable", new java.io.IOException("connection reset"));
        var payload = (AppError) Events.appError(error).build().payload();

        assertThat(payload.errorClass()).isEqualTo("java.lang.IllegalStateException");
        assertThat(payload.errorMessage()).isEqualTo("stock service unavailable");
        assertThat(payload.stackTrace())
                .startsWith("java.lang.IllegalStateException: stock service unavailable\n\tat ")
                .contains("\nCaused by: java.io.IOException: connection reset\n");
    }

    @Test
    void appErrorStackIsBoundedByFramesAndBytes() {
        Throwable deep = deepThrowable(500);

        var byFrames = (AppError) Events.appError(deep, 10, 100_000).build().payload();
        assertThat(byFrames.stackTrace().lines().filter(l -> l.startsWith("\tat ")).count()).isEqualTo(10);
        assertThat(byFrames.stackTrace()).endsWith("\t... " + (deep.getStackTrace().length - 10) + " more");

        var byDefault = (AppError) Events.appError(deep).build().payload();
        assertThat(byDefault.stackTrace().lines().filter(l -> l.startsWith("\tat ")).count())
                .isLessThanOrEqualTo(Events.DEFAULT_MAX_STACK_FRAMES);
        assertThat(byDefault.stackTrace().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(Events.DEFAULT_MAX_STACK_BYTES);

        var byBytes = (AppError) Events.appError(deep, 1000, 300).build().payload();
        assertThat(byBytes.stackTrace().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(300);
        assertThat(byBytes.stackTrace()).endsWith("\t... (truncated)");
    }

    @Test
    void deepTracesLeaveFramesForTheirCauses() {
        Throwable cause = deepThrowable(300);
        var wrapper = new RuntimeException("wrapped", cause);
        var top = new IllegalStateException("top", wrapper);

        String stack = ((AppError) Events.appError(top, 30, 100_000).build().payload()).stackTrace();

        assertThat(stack).contains("\nCaused by: java.lang.RuntimeException: wrapped\n")
                .contains("\nCaused by: java.lang.IllegalStateException: deep\n\tat " + EventsTest.class.getName());
        assertThat(stack.lines().filter(l -> l.startsWith("\tat ")).count()).isLessThanOrEqualTo(30);
    }

    @Test
    void appErrorSurvivesHostileThrowables() {
        var cyclic = new RuntimeException("outer");
        var inner = new RuntimeException("inner", cyclic);
        cyclic.initCause(inner);
        var hostile = new RuntimeException() {
            @Override
            public String getMessage() {
                throw new UnsupportedOperationException("no message for you");
            }
        };
        var hugeMessage = new IllegalArgumentException("x".repeat(20_000));

        var cyclicPayload = (AppError) Events.appError(cyclic).build().payload();
        var hostilePayload = (AppError) Events.appError(hostile).build().payload();
        var hugePayload = (AppError) Events.appError(hugeMessage, 50, 1000).build().payload();

        assertThat(cyclicPayload.stackTrace()).contains("Caused by: java.lang.RuntimeException: inner");
        assertThat(hostilePayload.errorMessage()).isNull();
        assertThat(hostilePayload.errorClass()).startsWith(EventsTest.class.getName());
        assertThat(hugePayload.errorMessage()).hasSize(20_000);
        assertThat(hugePayload.stackTrace()).startsWith("java.lang.IllegalArgumentException: xxx")
                .hasSizeLessThanOrEqualTo(1000);
    }

    @Test
    void logRecordCarriesTheThrowableAndTheMdc() {
        EcomEvent event = ExampleEvents.of(EventType.LOG);
        var log = (LogRecord) event.payload();

        assertThat(log.level()).isEqualTo("ERROR");
        assertThat(log.errorClass()).isEqualTo("java.net.SocketTimeoutException");
        assertThat(log.errorMessage()).isEqualTo("Read timed out");
        assertThat(log.stackTrace()).startsWith("java.net.SocketTimeoutException: Read timed out");
        assertThat(event.mdc()).containsEntry("trace_id", "4bf92f3577b34da6");
    }

    @Test
    void propertiesAreNormalisedToImmutableJsonValues() {
        EcomEvent event = Events.loginSucceeded("password")
                .property("int", 7)
                .property("double", 0.1)
                .property("float", 2.5f)
                .property("decimal", new BigDecimal("19.90"))
                .property("integral_decimal", new BigDecimal("5E+2"))
                .property("enum", FailureReason.TIMEOUT)
                .property("nested", Map.of("list", List.of(1, "two", true)))
                .property("dropped", null)
                .build();

        Map<String, Object> p = event.properties();
        assertThat(p).containsEntry("int", 7L)
                .containsEntry("double", new BigDecimal("0.1"))
                .containsEntry("float", new BigDecimal("2.5"))
                .containsEntry("decimal", new BigDecimal("19.90"))
                .containsEntry("integral_decimal", 500L)
                .containsEntry("enum", "TIMEOUT")
                .containsEntry("nested", Map.of("list", List.of(1L, "two", true)))
                .doesNotContainKey("dropped");
        assertThatThrownBy(() -> p.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void emptyEnvelopeObjectsAreDropped() {
        EcomEvent event = Events.loginSucceeded("password").app(App.builder().build())
                .client(new ClientInfo(null, null, null)).trafficSource(new TrafficSource(null, null, null)).build();

        assertThat(event.app()).isNull();
        assertThat(event.client()).isNull();
        assertThat(event.trafficSource()).isNull();
    }

    @Test
    void recordsCopyTheirCollections() {
        var products = new java.util.ArrayList<>(List.of(ExampleEvents.phone()));
        var cart = new Cart("c1", products);
        products.clear();

        assertThat(cart.products()).hasSize(1);
        assertThat(new Cart("c2", null).products()).isEmpty();
        assertThatThrownBy(() -> cart.products().add(ExampleEvents.charger()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void decimalBuilderOverloadsRejectNonDecimalsNamingTheField() {
        assertThatThrownBy(() -> Product.builder("p").price("19,95"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("price must be a decimal string like \"19.95\", was \"19,95\"");
        assertThat(Product.builder("p").price("19.90").build().price()).isEqualTo(new BigDecimal("19.90"));
    }

    @Test
    void estimatedSizeGrowsWithContentAndIsComputedOnce() {
        EcomEvent small = Events.loginSucceeded("password").build();
        EcomEvent large = ExampleEvents.of(EventType.ORDER_COMPLETED);

        assertThat(small.estimatedSize()).isBetween(150, 400);
        assertThat(large.estimatedSize()).isGreaterThan(small.estimatedSize() + 1000);
        assertThat(large.estimatedSize()).isEqualTo(large.estimatedSize());
    }

    @Test
    void toStringNamesTypeIdAndFields() {
        EcomEvent event = Events.loginFailed("password", "bad_password").userId("u1").build();

        assertThat(event.toString()).startsWith("EcomEvent{login_failed, event_id=" + event.eventId())
                .contains("user_id=u1").contains("Authentication[method=password, reason=bad_password]");
    }

    private static Throwable deepThrowable(int depth) {
        try {
            recurse(depth);
            throw new AssertionError("unreachable");
        } catch (IllegalStateException e) {
            return e;
        }
    }

    private static void recurse(int depth) {
        if (depth == 0) {
            throw new IllegalStateException("deep");
        }
        recurse(depth - 1);
    }
}
