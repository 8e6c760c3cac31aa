package io.ecomlog.event;

import java.util.List;

/**
 * The front door of the model: one factory per event type, each returning an {@link EcomEvent.Builder} preset with
 * the type and payload. Add the envelope (user, session, currency…) and call {@code build()}:
 *
 * <pre>{@code
 * EcomEvent viewed = Events.productViewed(phone).userId("u-17").sessionId("s-9").build();
 * EcomEvent bought = Events.orderCompleted(order).currency("EUR").value("59.90").userId("u-17").build();
 * EcomEvent failed = Events.loginFailed("password", "bad_password").anonymousId("a-3").build();
 * EcomEvent error  = Events.appError(exception).build();
 * }</pre>
 */
public final class Events {

    /** Stack frames kept by {@link #appError(Throwable)} and the {@code error(Throwable)} builder methods. */
    public static final int DEFAULT_MAX_STACK_FRAMES = 50;
    /** UTF-8 bytes of stack trace kept by {@link #appError(Throwable)} and the {@code error(Throwable)} methods. */
    public static final int DEFAULT_MAX_STACK_BYTES = 8 * 1024;

    private Events() {
    }

    // --- discovery ---

    /** {@code products_searched}: a search for {@code query}. */
    public static EcomEvent.Builder productsSearched(String query) {
        return productsSearched(Search.of(query));
    }

    /** {@code products_searched} with result count, filters and sort. */
    public static EcomEvent.Builder productsSearched(Search search) {
        return EcomEvent.builder(EventType.PRODUCTS_SEARCHED, search);
    }

    /** {@code product_list_viewed}: a category page, recommendation block or other list of products. */
    public static EcomEvent.Builder productListViewed(ProductList list) {
        return EcomEvent.builder(EventType.PRODUCT_LIST_VIEWED, list);
    }

    /** {@code product_clicked}: a product clicked in a list. */
    public static EcomEvent.Builder productClicked(Product product) {
        return EcomEvent.builder(EventType.PRODUCT_CLICKED, new ProductAction(product, null));
    }

    /** {@code product_viewed}: a product detail view. */
    public static EcomEvent.Builder productViewed(Product product) {
        return EcomEvent.builder(EventType.PRODUCT_VIEWED, new ProductAction(product, null));
    }

    /** {@code promotion_viewed}: an internal promotion shown. */
    public static EcomEvent.Builder promotionViewed(Promotion promotion) {
        return EcomEvent.builder(EventType.PROMOTION_VIEWED, promotion);
    }

    /** {@code promotion_clicked}: an internal promotion clicked. */
    public static EcomEvent.Builder promotionClicked(Promotion promotion) {
        return EcomEvent.builder(EventType.PROMOTION_CLICKED, promotion);
    }

    // --- cart ---

    /** {@code product_added}: a product (with its quantity) added to a cart. */
    public static EcomEvent.Builder productAdded(Product product, String cartId) {
        return EcomEvent.builder(EventType.PRODUCT_ADDED, new ProductAction(product, cartId));
    }

    /** {@code product_added} without a cart id. */
    public static EcomEvent.Builder productAdded(Product product) {
        return productAdded(product, null);
    }

    /** {@code product_removed}: a product (with its quantity) removed from a cart. */
    public static EcomEvent.Builder productRemoved(Product product, String cartId) {
        return EcomEvent.builder(EventType.PRODUCT_REMOVED, new ProductAction(product, cartId));
    }

    /** {@code product_removed} without a cart id. */
    public static EcomEvent.Builder productRemoved(Product product) {
        return productRemoved(product, null);
    }

    /** {@code cart_viewed}: the cart with its line items. */
    public static EcomEvent.Builder cartViewed(String cartId, List<Product> products) {
        return cartViewed(new Cart(cartId, products));
    }

    /** {@code cart_viewed}. */
    public static EcomEvent.Builder cartViewed(Cart cart) {
        return EcomEvent.builder(EventType.CART_VIEWED, cart);
    }

    // --- checkout and orders ---

    /** {@code checkout_started}: needs an order id or a checkout id. */
    public static EcomEvent.Builder checkoutStarted(Order order) {
        return EcomEvent.builder(EventType.CHECKOUT_STARTED, order);
    }

    /** {@code checkout_step_completed}: needs the step and a checkout or order id. */
    public static EcomEvent.Builder checkoutStepCompleted(CheckoutStep step) {
        return EcomEvent.builder(EventType.CHECKOUT_STEP_COMPLETED, step);
    }

    /** {@code payment_info_entered}: needs the payment method and a checkout or order id. */
    public static EcomEvent.Builder paymentInfoEntered(CheckoutStep step) {
        return EcomEvent.builder(EventType.PAYMENT_INFO_ENTERED, step);
    }

    /** {@code order_completed}: the purchase. */
    public static EcomEvent.Builder orderCompleted(Order order) {
        return EcomEvent.builder(EventType.ORDER_COMPLETED, order);
    }

    /** {@code order_updated}: a changed order, with its new state. */
    public static EcomEvent.Builder orderUpdated(Order order) {
        return EcomEvent.builder(EventType.ORDER_UPDATED, order);
    }

    /** {@code order_cancelled}. */
    public static EcomEvent.Builder orderCancelled(Order order) {
        return EcomEvent.builder(EventType.ORDER_CANCELLED, order);
    }

    /** {@code order_refunded}: a full or partial refund. */
    public static EcomEvent.Builder orderRefunded(Refund refund) {
        return EcomEvent.builder(EventType.ORDER_REFUNDED, refund);
    }

    /** {@code transaction_failed}: a payment that did not go through. */
    public static EcomEvent.Builder transactionFailed(TransactionFailure failure) {
        return EcomEvent.builder(EventType.TRANSACTION_FAILED, failure);
    }

    /** {@code transaction_failed} for an order, with one of the common reasons. */
    public static EcomEvent.Builder transactionFailed(String orderId, FailureReason reason) {
        return transactionFailed(TransactionFailure.builder(reason).orderId(orderId).build());
    }

    /** {@code coupon_applied}. */
    public static EcomEvent.Builder couponApplied(Coupon coupon) {
        return EcomEvent.builder(EventType.COUPON_APPLIED, coupon);
    }

    /** {@code coupon_denied}: the coupon must carry a reason. */
    public static EcomEvent.Builder couponDenied(Coupon coupon) {
        return EcomEvent.builder(EventType.COUPON_DENIED, coupon);
    }

    /** {@code coupon_denied} for a code, with the reason, e.g. {@code "expired"}. */
    public static EcomEvent.Builder couponDenied(String couponId, String reason) {
        return couponDenied(Coupon.builder(couponId).reason(reason).build());
    }

    // --- accounts ---

    /** {@code login_succeeded} with this method, e.g. {@code "password"} or {@code "google"}. */
    public static EcomEvent.Builder loginSucceeded(String method) {
        return EcomEvent.builder(EventType.LOGIN_SUCCEEDED, new Authentication(method, null));
    }

    /** {@code login_failed} with this method and reason, e.g. {@code ("password", "bad_password")}. */
    public static EcomEvent.Builder loginFailed(String method, String reason) {
        return EcomEvent.builder(EventType.LOGIN_FAILED, new Authentication(method, reason));
    }

    /** {@code signed_up} with this method. */
    public static EcomEvent.Builder signedUp(String method) {
        return EcomEvent.builder(EventType.SIGNED_UP, new Authentication(method, null));
    }

    // --- pages and operations ---

    /** {@code page_viewed}: the page goes to the envelope and needs a url or a path. */
    public static EcomEvent.Builder pageViewed(Page page) {
        return pageViewed(page, null, null);
    }

    /** {@code page_viewed} with the shop's name and category for the page. */
    public static EcomEvent.Builder pageViewed(Page page, String name, String category) {
        return EcomEvent.builder(EventType.PAGE_VIEWED, new PageView(name, category)).page(page);
    }

    /**
     * {@code app_error} from a throwable: its class, message and stack trace, the stack cut after
     * {@value #DEFAULT_MAX_STACK_FRAMES} frames or {@value #DEFAULT_MAX_STACK_BYTES} bytes.
     */
    public static EcomEvent.Builder appError(Throwable error) {
        return appError(error, DEFAULT_MAX_STACK_FRAMES, DEFAULT_MAX_STACK_BYTES);
    }

    /** {@code app_error} from a throwable, the stack cut after {@code maxFrames} frames or {@code maxStackBytes}. */
    public static EcomEvent.Builder appError(Throwable error, int maxFrames, int maxStackBytes) {
        return appError(AppError.builder().error(error, maxFrames, maxStackBytes).build());
    }

    /** {@code app_error} with HTTP status, endpoint and request id; see {@link AppError.Builder#error(Throwable)}. */
    public static EcomEvent.Builder appError(AppError error) {
        return EcomEvent.builder(EventType.APP_ERROR, error);
    }

    /** {@code http_access}: one access log line. */
    public static EcomEvent.Builder httpAccess(HttpAccess access) {
        return EcomEvent.builder(EventType.HTTP_ACCESS, access);
    }

    /** {@code log}: one plain log line; put its MDC on the builder with {@code mdc(...)}. */
    public static EcomEvent.Builder log(LogRecord record) {
        return EcomEvent.builder(EventType.LOG, record);
    }

    /** {@link Throwable#getMessage()}, which user code may override badly; never throws. */
    static String messageOf(Throwable t) {
        try {
            return t.getMessage();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
