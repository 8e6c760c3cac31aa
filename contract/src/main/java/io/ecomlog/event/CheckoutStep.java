package io.ecomlog.event;

/**
 * Payload of {@code checkout_step_completed} (needs a step) and {@code payment_info_entered} (needs a payment
 * method). Both need a checkout id or an order id.
 *
 * @param checkoutId     the checkout session's id
 * @param orderId        the order's id, when the shop creates it early
 * @param step           the step number, starting at 1
 * @param shippingMethod shipping method chosen so far
 * @param paymentMethod  payment method chosen so far
 */
public record CheckoutStep(String checkoutId, String orderId, Integer step, String shippingMethod,
                           String paymentMethod) implements EventPayload {

    /** Cleans invalid UTF-16 out of every string. */
    public CheckoutStep {
        checkoutId = Text.clean(checkoutId);
        orderId = Text.clean(orderId);
        shippingMethod = Text.clean(shippingMethod);
        paymentMethod = Text.clean(paymentMethod);
    }

    /** A builder; all fields optional until validated for the event type. */
    public static Builder builder() {
        return new Builder();
    }

    int jsonSize() {
        return JsonSize.string("checkout_id", checkoutId) + JsonSize.string("order_id", orderId)
                + JsonSize.integer("step", step) + JsonSize.string("shipping_method", shippingMethod)
                + JsonSize.string("payment_method", paymentMethod);
    }

    /** Fluent builder for {@link CheckoutStep}. */
    public static final class Builder {
        private String checkoutId;
        private String orderId;
        private Integer step;
        private String shippingMethod;
        private String paymentMethod;

        private Builder() {
        }

        public Builder checkoutId(String checkoutId) {
            this.checkoutId = checkoutId;
            return this;
        }

        public Builder orderId(String orderId) {
            this.orderId = orderId;
            return this;
        }

        public Builder step(Integer step) {
            this.step = step;
            return this;
        }

        public Builder shippingMethod(String shippingMethod) {
            this.shippingMethod = shippingMethod;
            return this;
        }

        public Builder paymentMethod(String paymentMethod) {
            this.paymentMethod = paymentMethod;
            return this;
        }

        public CheckoutStep build() {
            return new CheckoutStep(checkoutId, orderId, step, shippingMethod, paymentMethod);
        }
    }
}
