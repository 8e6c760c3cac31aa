package io.ecomlog.event;

import java.util.Locale;

/**
 * Common reasons for a {@code transaction_failed} event. The wire value is a lower_snake_case code, so a shop can
 * also send its own code through {@link TransactionFailure.Builder#reason(String)}.
 */
public enum FailureReason {
    /** The issuer or the payment provider declined without a more specific reason. */
    PAYMENT_DECLINED,
    /** Not enough funds or credit. */
    INSUFFICIENT_FUNDS,
    /** The shop's or the provider's fraud screening stopped it. */
    FRAUD_SUSPECTED,
    /** The card has expired. */
    CARD_EXPIRED,
    /** Card number, CVC or other payment details were wrong. */
    INVALID_PAYMENT_DETAILS,
    /** 3-D Secure or another strong customer authentication failed. */
    AUTHENTICATION_FAILED,
    /** A spending or velocity limit was exceeded. */
    LIMIT_EXCEEDED,
    /** The payment provider failed technically. */
    PROVIDER_ERROR,
    /** The payment provider did not answer in time. */
    TIMEOUT;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The code on the wire, e.g. {@code payment_declined}. */
    public String wireName() {
        return wireName;
    }
}
