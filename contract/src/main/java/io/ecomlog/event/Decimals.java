package io.ecomlog.event;

import java.math.BigDecimal;

/**
 * The limits every decimal (money) value of the model must respect, so that its plain form is short and fits a
 * {@code decimal(38,18)} column of the data lake.
 */
public final class Decimals {

    /** Most digits before the decimal point. */
    public static final int MAX_INTEGER_DIGITS = 20;
    /** Most digits after the decimal point. */
    public static final int MAX_FRACTION_DIGITS = 18;
    /** The JSON form of a decimal: its {@link BigDecimal#toPlainString() plain string}, within the limits above. */
    public static final String PATTERN = "^-?(0|[1-9][0-9]{0," + (MAX_INTEGER_DIGITS - 1) + "})(\\.[0-9]{1,"
            + MAX_FRACTION_DIGITS + "})?$";

    private Decimals() {
    }

    /** True when {@code d} has at most the allowed integer and fraction digits. */
    static boolean withinLimits(BigDecimal d) {
        int scale = d.scale();
        int integerDigits = d.precision() - scale;
        return scale <= MAX_FRACTION_DIGITS && integerDigits <= MAX_INTEGER_DIGITS;
    }
}
