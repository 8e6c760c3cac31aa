package io.ecomlog.event;

import java.math.BigDecimal;

/**
 * Payload of {@code coupon_applied} and {@code coupon_denied} (which also needs a reason).
 *
 * @param couponId   the code the shopper entered (required)
 * @param couponName the coupon's display name
 * @param discount   the discount it gave; not negative
 * @param reason     why it was denied, e.g. {@code "expired"}
 * @param orderId    the order it was applied to
 * @param cartId     the cart it was applied to
 */
public record Coupon(String couponId, String couponName, BigDecimal discount, String reason, String orderId,
                     String cartId) implements EventPayload {

    /** Cleans strings and normalises the discount. */
    public Coupon {
        couponId = Text.clean(couponId);
        couponName = Text.clean(couponName);
        discount = Text.decimal(discount);
        reason = Text.clean(reason);
        orderId = Text.clean(orderId);
        cartId = Text.clean(cartId);
    }

    /** A builder for the coupon with this code. */
    public static Builder builder(String couponId) {
        return new Builder(couponId);
    }

    int jsonSize() {
        return JsonSize.string("coupon_id", couponId) + JsonSize.string("coupon_name", couponName)
                + JsonSize.decimal("discount", discount) + JsonSize.string("reason", reason)
                + JsonSize.string("order_id", orderId) + JsonSize.string("cart_id", cartId);
    }

    /** Fluent builder for {@link Coupon}. */
    public static final class Builder {
        private final String couponId;
        private String couponName;
        private BigDecimal discount;
        private String reason;
        private String orderId;
        private String cartId;

        private Builder(String couponId) {
            this.couponId = couponId;
        }

        public Builder couponName(String couponName) {
            this.couponName = couponName;
            return this;
        }

        public Builder discount(BigDecimal discount) {
            this.discount = discount;
            return this;
        }

        public Builder discount(String discount) {
            return discount(Text.parseDecimal("discount", discount));
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder orderId(String orderId) {
            this.orderId = orderId;
            return this;
        }

        public Builder cartId(String cartId) {
            this.cartId = cartId;
            return this;
        }

        public Coupon build() {
            return new Coupon(couponId, couponName, discount, reason, orderId, cartId);
        }
    }
}
