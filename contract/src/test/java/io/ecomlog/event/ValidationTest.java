package io.ecomlog.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ValidationTest {

    static Stream<Arguments> missingRequiredFields() {
        var noId = Product.builder(null).name("nameless").build();
        var emptyStep = CheckoutStep.builder().build();
        return Stream.of(
                Arguments.of(Events.productsSearched((String) null), "products_searched.query must be set"),
                Arguments.of(Events.productListViewed(ProductList.builder().build()),
                        "product_list_viewed: list_id or category must be set"),
                Arguments.of(Events.productClicked(noId), "product_clicked.product.product_id must be set"),
                Arguments.of(Events.productViewed(null), "product_viewed.product.product_id must be set"),
                Arguments.of(Events.productAdded(noId, "c1"), "product_added.product.product_id must be set"),
                Arguments.of(Events.productRemoved(noId), "product_removed.product.product_id must be set"),
                Arguments.of(Events.promotionViewed(Promotion.of(" ")), "promotion_viewed.promotion_id must be set"),
                Arguments.of(Events.promotionClicked(Promotion.of(null)), "promotion_clicked.promotion_id must be set"),
                Arguments.of(Events.cartViewed(null, List.of()), "cart_viewed.cart_id must be set"),
                Arguments.of(Events.checkoutStarted(Order.builder().build()),
                        "checkout_started: checkout_id or order_id must be set"),
                Arguments.of(Events.checkoutStepCompleted(emptyStep),
                        "checkout_step_completed: checkout_id or order_id must be set; "
                                + "checkout_step_completed.step must be set"),
                Arguments.of(Events.paymentInfoEntered(CheckoutStep.builder().checkoutId("c").build()),
                        "payment_info_entered.payment_method must be set"),
                Arguments.of(Events.orderCompleted(Order.builder().checkoutId("c").build()),
                        "order_completed.order_id must be set"),
                Arguments.of(Events.orderUpdated(Order.builder().build()), "order_updated.order_id must be set"),
                Arguments.of(Events.orderCancelled(Order.builder().orderId("").build()),
                        "order_cancelled.order_id must be set"),
                Arguments.of(Events.orderRefunded(Refund.builder(null).amount("5").build()),
                        "order_refunded.order_id must be set"),
                Arguments.of(Events.transactionFailed(TransactionFailure.builder((String) null).orderId("o").build()),
                        "transaction_failed.reason must be set"),
                Arguments.of(Events.couponApplied(Coupon.builder(null).build()),
                        "coupon_applied.coupon_id must be set"),
                Arguments.of(Events.couponDenied("SUMMER10", null), "coupon_denied.reason must be set"),
                Arguments.of(Events.loginSucceeded(null), "login_succeeded.method must be set"),
                Arguments.of(Events.loginFailed("password", null), "login_failed.reason must be set"),
                Arguments.of(Events.signedUp(""), "signed_up.method must be set"),
                Arguments.of(Events.pageViewed(Page.builder().title("Home").build()),
                        "page_viewed: page.url or page.path must be set"),
                Arguments.of(Events.appError(AppError.builder().httpStatus(500).build()),
                        "app_error: error_class or error_message must be set"),
                Arguments.of(Events.httpAccess(new HttpAccess(null, null, null, null, null, null, null, null, null,
                                null, null, null)),
                        "http_access.method must be set; http_access.path must be set; http_access.status must be set"),
                Arguments.of(Events.log(LogRecord.builder("INFO", null).build()), "log.message must be set"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("missingRequiredFields")
    void missingRequiredFieldsAreNamedWithTheirType(EcomEvent.Builder builder, String message) {
        assertThatThrownBy(builder::build).isInstanceOf(EventValidationException.class).hasMessage(message);
    }

    @Test
    void everyTypeIsCoveredByTheMissingFieldCases() {
        var covered = missingRequiredFields().map(a -> ((String) a.get()[1]).replaceAll("[.:].*", "")).toList();
        assertThat(covered).containsAll(Stream.of(EventType.values()).map(EventType::wireName).toList());
    }

    @Test
    void productsInListsNeedIdsAndMustNotBeNull() {
        var products = new java.util.ArrayList<Product>();
        products.add(ExampleEvents.phone());
        products.add(Product.builder(null).build());
        products.add(null);
        var order = Order.builder().orderId("o").products(products).build();
        var error = catchThrowableOfType(EventValidationException.class, () -> Events.orderCompleted(order).build());

        assertThat(error.violations()).containsExactly("order_completed.products[1].product_id must be set",
                "order_completed.products[2] must not be null");
    }

    @Test
    void negativePriceIsRejectedWithItsPath() {
        var cheap = Product.builder("p").price("-1.00").build();

        assertThatThrownBy(() -> Events.productViewed(cheap).build())
                .hasMessage("product_viewed.product.price must not be negative, was -1.00");
        assertThatThrownBy(() -> Events.cartViewed("c", List.of(ExampleEvents.phone(), cheap)).build())
                .hasMessage("cart_viewed.products[1].price must not be negative, was -1.00");
    }

    @Test
    void negativeAmountsAndCountsAreRejected() {
        var product = Product.builder("p").quantity(-2).position(-1).listPrice("-3").discount("-0.5").build();
        var error = catchThrowableOfType(EventValidationException.class, () -> Events.productAdded(product).build());

        assertThat(error.violations()).containsExactly(
                "product_added.product.list_price must not be negative, was -3",
                "product_added.product.discount must not be negative, was -0.5",
                "product_added.product.quantity must not be negative, was -2",
                "product_added.product.position must not be negative, was -1");
        assertThatThrownBy(() -> Events.orderCompleted(Order.builder().orderId("o").tax("-0.01").build()).build())
                .hasMessage("order_completed.tax must not be negative, was -0.01");
        assertThatThrownBy(() -> Events.orderRefunded(Refund.builder("o").amount("-5").build()).build())
                .hasMessage("order_refunded.amount must not be negative, was -5");
        assertThatThrownBy(() -> Events.productsSearched(new Search("q", -1, null, null)).build())
                .hasMessage("products_searched.result_count must not be negative, was -1");
        assertThatThrownBy(() -> Events.httpAccess(HttpAccess.builder("GET", "/", 200).bytes(-1L).build()).build())
                .hasMessage("http_access.bytes must not be negative, was -1");
    }

    @Test
    void currencyMustBeThreeUpperCaseLetters() {
        assertThatThrownBy(() -> Events.loginSucceeded("password").currency("EURO").build())
                .isInstanceOf(EventValidationException.class)
                .hasMessage("currency must be a 3-letter ISO 4217 code, was \"EURO\"");
        assertThatThrownBy(() -> Events.loginSucceeded("password").currency("eur").build())
                .hasMessage("currency must be a 3-letter ISO 4217 code, was \"eur\"");
        assertThat(Events.loginSucceeded("password").currency("EUR").build().currency()).isEqualTo("EUR");
    }

    @Test
    void payloadMustMatchTheEventType() {
        var order = ExampleEvents.order();

        assertThatThrownBy(() -> EcomEvent.builder(EventType.PRODUCT_VIEWED, order).build())
                .isInstanceOf(EventValidationException.class)
                .hasMessage("product_viewed: payload must be a ProductAction, was Order");
        assertThatThrownBy(() -> EcomEvent.builder(EventType.LOG, null).build())
                .hasMessage("log: payload must be set (a LogRecord)");
        assertThatThrownBy(() -> EcomEvent.builder(null, order).build()).hasMessage("event_type must be set");
    }

    @Test
    void allViolationsAreReportedAtOnce() {
        var builder = Events.orderCompleted(Order.builder().total("-1").build()).currency("EURO").schemaVersion(0);
        var error = catchThrowableOfType(EventValidationException.class, builder::build);

        assertThat(error.violations()).containsExactlyInAnyOrder(
                "schema_version must be at least 1, was 0",
                "currency must be a 3-letter ISO 4217 code, was \"EURO\"",
                "order_completed.order_id must be set",
                "order_completed.total must not be negative, was -1");
        assertThat(error.getMessage()).isEqualTo(String.join("; ", error.violations()));
    }

    @Test
    void rangesAndCodesAreChecked() {
        assertThatThrownBy(() -> Events.httpAccess(HttpAccess.builder("GET", "/", 42).build()).build())
                .hasMessage("http_access.status must be an HTTP status between 100 and 599, was 42");
        assertThatThrownBy(() -> Events.appError(AppError.builder().errorClass("X").httpStatus(700).build()).build())
                .hasMessage("app_error.http_status must be an HTTP status between 100 and 599, was 700");
        assertThatThrownBy(() -> Events.checkoutStepCompleted(CheckoutStep.builder().checkoutId("c").step(0).build())
                .build()).hasMessage("checkout_step_completed.step must be at least 1, was 0");
        assertThatThrownBy(() -> Events.transactionFailed(TransactionFailure.builder("Payment Declined").build())
                .build()).hasMessage("transaction_failed.reason must be a lower_snake_case code such as "
                + "payment_declined, was \"Payment Declined\"");
    }

    @Test
    void decimalsMustFitTheLakesColumns() {
        assertThatThrownBy(() -> Events.loginSucceeded("password").value(new BigDecimal("1E+30")).build())
                .hasMessage("value must have at most 20 integer and 18 fraction digits, was 1E+30");
        assertThatThrownBy(() -> Events.productViewed(Product.builder("p").price("0.0000000000000000001").build())
                .build()).hasMessageStartingWith("product_viewed.product.price must have at most 20 integer");
        assertThat(Events.loginSucceeded("password").value("-12.50").build().value()).isEqualByComparingTo("-12.5");
    }

    @Test
    void timesMustBeWithinTheWireRange() {
        assertThatThrownBy(() -> Events.loginSucceeded("password").eventTime(Instant.parse("1969-12-31T23:59:59Z"))
                .build()).hasMessageStartingWith("event_time must be between 1970-01-01T00:00:00Z and");
        assertThatThrownBy(() -> Events.loginSucceeded("password").sentAt(Instant.parse("+10000-01-01T00:00:00Z"))
                .build()).hasMessageStartingWith("sent_at must be between");
    }

    @Test
    void propertiesMustBeJsonValues() {
        var error = catchThrowableOfType(EventValidationException.class, () -> Events.loginSucceeded("password")
                .property("when", java.time.LocalDate.of(2026, 1, 1))
                .property("nan", Double.NaN)
                .property("map", java.util.Map.of(1, "one"))
                .build());

        assertThat(error.violations()).containsExactly(
                "properties.when has unsupported type java.time.LocalDate; use a string, number, boolean, list or map",
                "properties.nan must be a finite number, was NaN",
                "properties.map has a non-string key");
    }

    @Test
    void selfContainingPropertiesAreRejectedNotOverflowed() {
        var loop = new java.util.ArrayList<Object>();
        loop.add(loop);

        assertThatThrownBy(() -> Events.loginSucceeded("password").property("loop", loop).build())
                .isInstanceOf(EventValidationException.class)
                .hasMessageContaining("nests deeper than 32 levels");
    }
}
