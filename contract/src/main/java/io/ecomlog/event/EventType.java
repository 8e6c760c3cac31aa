package io.ecomlog.event;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.ecomlog.event.Requirement.eachProductId;
import static io.ecomlog.event.Requirement.either;
import static io.ecomlog.event.Requirement.eitherInEnvelope;
import static io.ecomlog.event.Requirement.field;

/**
 * Every kind of event ecomlog knows, with its wire name ({@code event_type}), the {@link EventPayload} shape it
 * carries and the fields it requires. The vocabulary is a superset of Segment's e-commerce spec v2, GA4's
 * e-commerce events and Snowplow's e-commerce schemas, plus three operational types ({@code app_error},
 * {@code http_access}, {@code log}).
 */
public enum EventType {
    PRODUCTS_SEARCHED("products_searched", Search.class, field("query", Search::query)),
    PRODUCT_LIST_VIEWED("product_list_viewed", ProductList.class,
            either("list_id", ProductList::listId, "category", ProductList::category),
            eachProductId(ProductList::products)),
    PRODUCT_CLICKED("product_clicked", ProductAction.class, productId()),
    PRODUCT_VIEWED("product_viewed", ProductAction.class, productId()),
    PROMOTION_VIEWED("promotion_viewed", Promotion.class, field("promotion_id", Promotion::promotionId)),
    PROMOTION_CLICKED("promotion_clicked", Promotion.class, field("promotion_id", Promotion::promotionId)),
    PRODUCT_ADDED("product_added", ProductAction.class, productId()),
    PRODUCT_REMOVED("product_removed", ProductAction.class, productId()),
    CART_VIEWED("cart_viewed", Cart.class, field("cart_id", Cart::cartId), eachProductId(Cart::products)),
    CHECKOUT_STARTED("checkout_started", Order.class,
            either("checkout_id", Order::checkoutId, "order_id", Order::orderId), eachProductId(Order::products)),
    CHECKOUT_STEP_COMPLETED("checkout_step_completed", CheckoutStep.class,
            either("checkout_id", CheckoutStep::checkoutId, "order_id", CheckoutStep::orderId),
            field("step", CheckoutStep::step)),
    PAYMENT_INFO_ENTERED("payment_info_entered", CheckoutStep.class,
            either("checkout_id", CheckoutStep::checkoutId, "order_id", CheckoutStep::orderId),
            field("payment_method", CheckoutStep::paymentMethod)),
    ORDER_COMPLETED("order_completed", Order.class, field("order_id", Order::orderId), eachProductId(Order::products)),
    ORDER_UPDATED("order_updated", Order.class, field("order_id", Order::orderId), eachProductId(Order::products)),
    ORDER_CANCELLED("order_cancelled", Order.class, field("order_id", Order::orderId), eachProductId(Order::products)),
    ORDER_REFUNDED("order_refunded", Refund.class, field("order_id", Refund::orderId), eachProductId(Refund::products)),
    TRANSACTION_FAILED("transaction_failed", TransactionFailure.class, field("reason", TransactionFailure::reason)),
    COUPON_APPLIED("coupon_applied", Coupon.class, field("coupon_id", Coupon::couponId)),
    COUPON_DENIED("coupon_denied", Coupon.class, field("coupon_id", Coupon::couponId), field("reason", Coupon::reason)),
    LOGIN_SUCCEEDED("login_succeeded", Authentication.class, field("method", Authentication::method)),
    LOGIN_FAILED("login_failed", Authentication.class,
            field("method", Authentication::method), field("reason", Authentication::reason)),
    SIGNED_UP("signed_up", Authentication.class, field("method", Authentication::method)),
    PAGE_VIEWED("page_viewed", PageView.class, eitherInEnvelope(
            "page.url", pageField(Page::url), "page.path", pageField(Page::path))),
    APP_ERROR("app_error", AppError.class,
            either("error_class", AppError::errorClass, "error_message", AppError::errorMessage)),
    HTTP_ACCESS("http_access", HttpAccess.class, field("method", HttpAccess::method),
            field("path", HttpAccess::path), field("status", HttpAccess::status)),
    LOG("log", LogRecord.class, field("message", LogRecord::message));

    private static final Map<String, EventType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

    private final String wireName;
    private final Class<? extends EventPayload> payloadType;
    private final List<Requirement> requirements;

    EventType(String wireName, Class<? extends EventPayload> payloadType, Requirement... requirements) {
        this.wireName = wireName;
        this.payloadType = payloadType;
        this.requirements = List.of(requirements);
    }

    /** The {@code event_type} value on the wire, e.g. {@code order_completed}. */
    public String wireName() {
        return wireName;
    }

    /** The payload record this type carries; {@link EcomEvent.Builder#build()} rejects any other. */
    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    /**
     * The fields this type requires, as wire paths: each inner list holds alternatives of which at least one must be
     * set (non-null, and not blank for strings). A path is a top-level name ({@code order_id}), a field of an
     * envelope object ({@code page.url}) or a field of every list element ({@code products[].product_id}).
     */
    public List<List<String>> requiredFields() {
        return requirements.stream().map(Requirement::paths).toList();
    }

    List<Requirement> requirements() {
        return requirements;
    }

    /**
     * The type with this wire name.
     *
     * @throws IllegalArgumentException naming the unknown value
     */
    public static EventType fromWireName(String wireName) {
        EventType type = wireName == null ? null : BY_WIRE_NAME.get(wireName);
        if (type == null) {
            throw new IllegalArgumentException("unknown event_type \"" + wireName + "\"");
        }
        return type;
    }

    private static Requirement productId() {
        return field("product_id", "product.product_id",
                (ProductAction a) -> a.product() == null ? null : a.product().productId());
    }

    private static Function<EcomEvent, Object> pageField(Function<Page, String> field) {
        return event -> event.page() == null ? null : field.apply(event.page());
    }
}
