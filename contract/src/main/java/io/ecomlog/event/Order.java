package io.ecomlog.event;

import java.math.BigDecimal;
import java.util.List;

/**
 * Payload of {@code checkout_started}, {@code order_completed}, {@code order_updated} and {@code order_cancelled}.
 * Amounts are decimals in the event's {@code currency} and never negative. The order events need an order id;
 * {@code checkout_started} needs an order id or a checkout id.
 *
 * <pre>{@code
 * Order order = Order.builder().orderId("O-2026-0042").revenue("59.90").tax("9.57").shipping("4.90")
 *         .products(List.of(phoneCase, charger)).build();
 * EcomEvent event = Events.orderCompleted(order).currency("EUR").userId("u-17").build();
 * }</pre>
 *
 * @param orderId        the order's id
 * @param checkoutId     the checkout session's id
 * @param affiliation    store or affiliation, e.g. {@code "web-ch"}
 * @param total          revenue with shipping and tax, after discounts
 * @param subtotal       sum of the line items after discounts, before shipping and tax
 * @param revenue        revenue as the shop defines it (usually without shipping and tax)
 * @param shipping       shipping cost
 * @param tax            tax amount
 * @param discount       discount on the whole order
 * @param coupon         coupon code applied to the order
 * @param shippingMethod e.g. {@code "standard"}
 * @param paymentMethod  e.g. {@code "card"}
 * @param reason         why the order was updated or cancelled, e.g. {@code "customer_request"}
 * @param products       the line items
 */
public record Order(String orderId, String checkoutId, String affiliation, BigDecimal total, BigDecimal subtotal,
                    BigDecimal revenue, BigDecimal shipping, BigDecimal tax, BigDecimal discount, String coupon,
                    String shippingMethod, String paymentMethod, String reason, List<Product> products)
        implements EventPayload {

    /** Cleans strings, normalises decimals and copies the products into an unmodifiable list (never null). */
    public Order {
        orderId = Text.clean(orderId);
        checkoutId = Text.clean(checkoutId);
        affiliation = Text.clean(affiliation);
        total = Text.decimal(total);
        subtotal = Text.decimal(subtotal);
        revenue = Text.decimal(revenue);
        shipping = Text.decimal(shipping);
        tax = Text.decimal(tax);
        discount = Text.decimal(discount);
        coupon = Text.clean(coupon);
        shippingMethod = Text.clean(shippingMethod);
        paymentMethod = Text.clean(paymentMethod);
        reason = Text.clean(reason);
        products = Text.list(products);
    }

    /** A builder; money setters take a {@link BigDecimal} or a decimal string. */
    public static Builder builder() {
        return new Builder();
    }

    int jsonSize() {
        return JsonSize.string("order_id", orderId) + JsonSize.string("checkout_id", checkoutId)
                + JsonSize.string("affiliation", affiliation) + JsonSize.decimal("total", total)
                + JsonSize.decimal("subtotal", subtotal) + JsonSize.decimal("revenue", revenue)
                + JsonSize.decimal("shipping", shipping) + JsonSize.decimal("tax", tax)
                + JsonSize.decimal("discount", discount) + JsonSize.string("coupon", coupon)
                + JsonSize.string("shipping_method", shippingMethod)
                + JsonSize.string("payment_method", paymentMethod) + JsonSize.string("reason", reason)
                + JsonSize.products(products);
    }

    /** Fluent builder for {@link Order}. */
    public static final class Builder {
        private String orderId;
        private String checkoutId;
        private String affiliation;
        private BigDecimal total;
        private BigDecimal subtotal;
        private BigDecimal revenue;
        private BigDecimal shipping;
        private BigDecimal tax;
        private BigDecimal discount;
        private String coupon;
        private String shippingMethod;
        private String paymentMethod;
        private String reason;
        private List<Product> products;

        private Builder() {
        }

        public Builder orderId(String orderId) {
            this.orderId = orderId;
            return this;
        }

        public Builder checkoutId(String checkoutId) {
            this.checkoutId = checkoutId;
            return this;
        }

        public Builder affiliation(String affiliation) {
            this.affiliation = affiliation;
            return this;
        }

        public Builder total(BigDecimal total) {
            this.total = total;
            return this;
        }

        public Builder total(String total) {
            return total(Text.parseDecimal("total", total));
        }

        public Builder subtotal(BigDecimal subtotal) {
            this.subtotal = subtotal;
            return this;
        }

        public Builder subtotal(String subtotal) {
            return subtotal(Text.parseDecimal("subtotal", subtotal));
        }

        public Builder revenue(BigDecimal revenue) {
            this.revenue = revenue;
            return this;
        }

        public Builder revenue(String revenue) {
            return revenue(Text.parseDecimal("revenue", revenue));
        }

        public Builder shipping(BigDecimal shipping) {
            this.shipping = shipping;
            return this;
        }

        public Builder shipping(String shipping) {
            return shipping(Text.parseDecimal("shipping", shipping));
        }

        public Builder tax(BigDecimal tax) {
            this.tax = tax;
            return this;
        }

        public Builder tax(String tax) {
            return tax(Text.parseDecimal("tax", tax));
        }

        public Builder discount(BigDecimal discount) {
            this.discount = discount;
            return this;
        }

        public Builder discount(String discount) {
            return discount(Text.parseDecimal("discount", discount));
        }

        public Builder coupon(String coupon) {
            this.coupon = coupon;
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

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder products(List<Product> products) {
            this.products = products;
            return this;
        }

        public Order build() {
            return new Order(orderId, checkoutId, affiliation, total, subtotal, revenue, shipping, tax, discount,
                    coupon, shippingMethod, paymentMethod, reason, products);
        }
    }
}
