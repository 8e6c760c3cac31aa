package io.ecomlog.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A realistic, fully populated example of every event type: every envelope field and every payload field set.
 * Shared by the model and codec tests (and, through the test-jar, by other modules).
 */
public final class ExampleEvents {

    public static final Instant TIME = Instant.parse("2026-11-22T18:58:17.120Z");

    private ExampleEvents() {
    }

    public static List<EcomEvent> all() {
        return Arrays.stream(EventType.values()).map(ExampleEvents::of).toList();
    }

    public static Product phone() {
        return Product.builder("P-1001").sku("IP15-128-BLK").name("iPhone 15 128 GB").brand("Apple")
                .variant("128 GB black").category("electronics/smartphone").categoryId("2053013555631882655")
                .price("799.00").listPrice("849.00").quantity(1).discount("50.00").coupon("WINTER50").position(3)
                .listId("search_results").url("https://shop.example.com/p/iphone-15")
                .imageUrl("https://cdn.example.com/img/iphone-15.jpg").build();
    }

    public static Product charger() {
        return Product.builder("P-2002").sku("USBC-20W").name("USB-C charger 20 W").brand("Anker")
                .variant("white").category("electronics/accessories").categoryId("2053013555631882701")
                .price("19.90").listPrice("24.90").quantity(2).discount("0.00").coupon("BUNDLE5").position(7)
                .listId("cart_recommendations").url("https://shop.example.com/p/usb-c-charger")
                .imageUrl("https://cdn.example.com/img/usb-c-charger.jpg").build();
    }

    public static Order order() {
        return Order.builder().orderId("O-2026-004217").checkoutId("C-88812").affiliation("web-ch")
                .total("843.70").subtotal("838.80").revenue("780.98").shipping("4.90").tax("62.72").discount("50.00")
                .coupon("WINTER50").shippingMethod("standard").paymentMethod("card").reason("customer_request")
                .products(List.of(phone(), charger())).build();
    }

    public static EcomEvent of(EventType type) {
        return envelope(builder(type), type).build();
    }

    /** The preset builder from {@link Events} for the type, with every payload field set. */
    public static EcomEvent.Builder builder(EventType type) {
        return switch (type) {
            case PRODUCTS_SEARCHED -> Events.productsSearched(new Search("iphone 15", 42,
                    Map.of("brand", "apple"), "price_asc"));
            case PRODUCT_LIST_VIEWED -> Events.productListViewed(ProductList.builder().listId("search_results")
                    .listName("Search results").category("electronics/smartphone")
                    .products(List.of(phone(), charger())).build());
            case PRODUCT_CLICKED -> Events.productClicked(phone());
            case PRODUCT_VIEWED -> Events.productViewed(phone());
            case PROMOTION_VIEWED -> Events.promotionViewed(
                    new Promotion("PROMO-77", "winter_sale", "banner_1200x300_v2", "home_top"));
            case PROMOTION_CLICKED -> Events.promotionClicked(
                    new Promotion("PROMO-77", "winter_sale", "banner_1200x300_v2", "home_top"));
            case PRODUCT_ADDED -> Events.productAdded(phone(), "CART-5521");
            case PRODUCT_REMOVED -> Events.productRemoved(charger(), "CART-5521");
            case CART_VIEWED -> Events.cartViewed("CART-5521", List.of(phone(), charger()));
            case CHECKOUT_STARTED -> Events.checkoutStarted(order());
            case CHECKOUT_STEP_COMPLETED -> Events.checkoutStepCompleted(CheckoutStep.builder().checkoutId("C-88812")
                    .orderId("O-2026-004217").step(2).shippingMethod("express").paymentMethod("card").build());
            case PAYMENT_INFO_ENTERED -> Events.paymentInfoEntered(CheckoutStep.builder().checkoutId("C-88812")
                    .orderId("O-2026-004217").step(3).shippingMethod("express").paymentMethod("twint").build());
            case ORDER_COMPLETED -> Events.orderCompleted(order());
            case ORDER_UPDATED -> Events.orderUpdated(order());
            case ORDER_CANCELLED -> Events.orderCancelled(order());
            case ORDER_REFUNDED -> Events.orderRefunded(Refund.builder("O-2026-004217").refundId("R-311")
                    .amount("19.90").reason("damaged").products(List.of(charger())).build());
            case TRANSACTION_FAILED -> Events.transactionFailed(
                    TransactionFailure.builder(FailureReason.INSUFFICIENT_FUNDS).orderId("O-2026-004217")
                            .checkoutId("C-88812").paymentMethod("card").paymentProvider("stripe").amount("843.70")
                            .errorCode("card_declined").build());
            case COUPON_APPLIED -> Events.couponApplied(Coupon.builder("WINTER50").couponName("Winter sale 50")
                    .discount("50.00").reason("first_order").orderId("O-2026-004217").cartId("CART-5521").build());
            case COUPON_DENIED -> Events.couponDenied(Coupon.builder("SUMMER10").couponName("Summer 10")
                    .discount("10.00").reason("expired").orderId("O-2026-004217").cartId("CART-5521").build());
            case LOGIN_SUCCEEDED -> Events.loginSucceeded("passkey");
            case LOGIN_FAILED -> Events.loginFailed("password", "bad_password");
            case SIGNED_UP -> Events.signedUp("google");
            case PAGE_VIEWED -> Events.pageViewed(page(), "product_detail", "catalog");
            case APP_ERROR -> Events.appError(AppError.builder()
                    .error(new IllegalStateException("stock service unavailable",
                            new java.io.IOException("connection reset")))
                    .httpStatus(503).endpoint("POST /api/orders").requestId("req-7f3a").build());
            case HTTP_ACCESS -> Events.httpAccess(HttpAccess.builder("GET", "/p/iphone-15?ref=home", 200)
                    .host("203.0.113.9").ident("-").authuser("frank").protocol("HTTP/1.1").bytes(51234L)
                    .referrer("https://www.google.com/").userAgent("Mozilla/5.0 (X11; Linux x86_64)")
                    .durationMs(37L).requestId("req-7f3a").build());
            case LOG -> Events.log(LogRecord.builder("ERROR", "Payment call failed after 3 retries")
                    .logger("com.shop.payment.PaymentClient").thread("http-nio-8080-exec-7")
                    .error(new java.net.SocketTimeoutException("Read timed out")).build());
        };
    }

    static Page page() {
        return Page.builder().url("https://shop.example.com/p/iphone-15?utm_source=google").path("/p/iphone-15")
                .referrer("https://www.google.com/").title("iPhone 15 – Example Shop").build();
    }

    /** Every envelope field; {@code mdc} only on the operational types, where it comes from the logging context. */
    public static EcomEvent.Builder envelope(EcomEvent.Builder b, EventType type) {
        b.eventTime(TIME)
                .app(App.builder().name("shop-backend").version("2.4.1").environment("prod").host("web-3").build())
                .userId("u-1717").anonymousId("a-9f2c41").sessionId("s-20261122-77")
                .client(new ClientInfo("198.51.100.23", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1)", "de-CH"))
                .trafficSource(new TrafficSource("google", "cpc", "black_friday"))
                .currency("CHF").value("843.70")
                .property("ab_test", "checkout_v2")
                .property("items_in_cart", 3)
                .property("loyalty", Map.of("tier", "gold", "points", 1200))
                .property("tags", List.of("gift", "express"))
                .property("ratio", new BigDecimal("0.75"));
        if (type != EventType.PAGE_VIEWED) {
            b.page(page());
        }
        if (type == EventType.LOG || type == EventType.APP_ERROR || type == EventType.HTTP_ACCESS) {
            b.mdc(Map.of("trace_id", "4bf92f3577b34da6", "tenant", "ch"));
        }
        return b;
    }
}
