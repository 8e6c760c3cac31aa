package io.ecomlog.event;

/**
 * The type-specific part of an event. There is one record per payload <em>shape</em>, shared by the event types
 * that carry the same fields (for instance {@link Order} for {@code checkout_started} and the {@code order_*}
 * events); {@link EventType#payloadType()} says which shape a type takes. On the wire the payload's fields are
 * written at the top level of the event object, next to the envelope.
 *
 * <p>You rarely build an {@code EcomEvent} from a payload yourself: the factories in {@link Events} pick the type
 * and wrap the payload for you.
 */
public sealed interface EventPayload
        permits Search, ProductList, ProductAction, Promotion, Cart, Order, CheckoutStep, Refund, TransactionFailure,
        Coupon, Authentication, PageView, AppError, HttpAccess, LogRecord {

    /** The order this payload refers to, or null; payloads with an {@code orderId} component return it. */
    default String orderId() {
        return null;
    }
}
