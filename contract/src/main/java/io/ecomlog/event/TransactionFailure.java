package io.ecomlog.event;

import java.math.BigDecimal;

/**
 * Payload of {@code transaction_failed}: a payment that did not go through.
 *
 * <pre>{@code
 * Events.transactionFailed(TransactionFailure.builder(FailureReason.INSUFFICIENT_FUNDS)
 *         .orderId("O-42").paymentMethod("card").paymentProvider("stripe").amount("59.90").errorCode("card_declined")
 *         .build()).currency("EUR").build();
 * }</pre>
 *
 * @param orderId         the order being paid, if it exists yet
 * @param checkoutId      the checkout session
 * @param reason          a lower_snake_case code (required), see {@link FailureReason}
 * @param paymentMethod   e.g. {@code "card"}
 * @param paymentProvider e.g. {@code "stripe"}
 * @param amount          amount that failed to be charged; not negative
 * @param errorCode       the provider's own error code
 */
public record TransactionFailure(String orderId, String checkoutId, String reason, String paymentMethod,
                                 String paymentProvider, BigDecimal amount, String errorCode)
        implements EventPayload {

    /** Cleans strings and normalises the amount. */
    public TransactionFailure {
        orderId = Text.clean(orderId);
        checkoutId = Text.clean(checkoutId);
        reason = Text.clean(reason);
        paymentMethod = Text.clean(paymentMethod);
        paymentProvider = Text.clean(paymentProvider);
        amount = Text.decimal(amount);
        errorCode = Text.clean(errorCode);
    }

    /** A builder for a failure with one of the common reasons. */
    public static Builder builder(FailureReason reason) {
        return new Builder().reason(reason);
    }

    /** A builder for a failure with the shop's own lower_snake_case reason code. */
    public static Builder builder(String reason) {
        return new Builder().reason(reason);
    }

    int jsonSize() {
        return JsonSize.string("order_id", orderId) + JsonSize.string("checkout_id", checkoutId)
                + JsonSize.string("reason", reason) + JsonSize.string("payment_method", paymentMethod)
                + JsonSize.string("payment_provider", paymentProvider) + JsonSize.decimal("amount", amount)
                + JsonSize.string("error_code", errorCode);
    }

    /** Fluent builder for {@link TransactionFailure}. */
    public static final class Builder {
        private String orderId;
        private String checkoutId;
        private String reason;
        private String paymentMethod;
        private String paymentProvider;
        private BigDecimal amount;
        private String errorCode;

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

        public Builder reason(FailureReason reason) {
            this.reason = reason == null ? null : reason.wireName();
            return this;
        }

        /** A lower_snake_case code such as {@code "card_velocity_exceeded"}. */
        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder paymentMethod(String paymentMethod) {
            this.paymentMethod = paymentMethod;
            return this;
        }

        public Builder paymentProvider(String paymentProvider) {
            this.paymentProvider = paymentProvider;
            return this;
        }

        public Builder amount(BigDecimal amount) {
            this.amount = amount;
            return this;
        }

        public Builder amount(String amount) {
            return amount(Text.parseDecimal("amount", amount));
        }

        public Builder errorCode(String errorCode) {
            this.errorCode = errorCode;
            return this;
        }

        public TransactionFailure build() {
            return new TransactionFailure(orderId, checkoutId, reason, paymentMethod, paymentProvider, amount,
                    errorCode);
        }
    }
}
