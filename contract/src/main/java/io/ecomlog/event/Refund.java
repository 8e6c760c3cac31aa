package io.ecomlog.event;

import java.math.BigDecimal;
import java.util.List;

/**
 * Payload of {@code order_refunded}. A full refund lists no products; a partial one lists the refunded items.
 *
 * @param orderId  the refunded order (required)
 * @param refundId the refund's own id
 * @param amount   amount refunded, not negative
 * @param reason   e.g. {@code "damaged"}
 * @param products the refunded line items, if partial
 */
public record Refund(String orderId, String refundId, BigDecimal amount, String reason, List<Product> products)
        implements EventPayload {

    /** Cleans strings, normalises the amount and copies the products into an unmodifiable list (never null). */
    public Refund {
        orderId = Text.clean(orderId);
        refundId = Text.clean(refundId);
        amount = Text.decimal(amount);
        reason = Text.clean(reason);
        products = Text.list(products);
    }

    /** A builder for a refund of this order. */
    public static Builder builder(String orderId) {
        return new Builder(orderId);
    }

    int jsonSize() {
        return JsonSize.string("order_id", orderId) + JsonSize.string("refund_id", refundId)
                + JsonSize.decimal("amount", amount) + JsonSize.string("reason", reason)
                + JsonSize.products(products);
    }

    /** Fluent builder for {@link Refund}. */
    public static final class Builder {
        private final String orderId;
        private String refundId;
        private BigDecimal amount;
        private String reason;
        private List<Product> products;

        private Builder(String orderId) {
            this.orderId = orderId;
        }

        public Builder refundId(String refundId) {
            this.refundId = refundId;
            return this;
        }

        public Builder amount(BigDecimal amount) {
            this.amount = amount;
            return this;
        }

        public Builder amount(String amount) {
            return amount(Text.parseDecimal("amount", amount));
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder products(List<Product> products) {
            this.products = products;
            return this;
        }

        public Refund build() {
            return new Refund(orderId, refundId, amount, reason, products);
        }
    }
}
