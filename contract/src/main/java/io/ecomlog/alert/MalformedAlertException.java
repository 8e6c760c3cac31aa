package io.ecomlog.alert;

/** JSON that is not a valid alert; the message names the field. */
public final class MalformedAlertException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedAlertException(String message, Throwable cause) {
        super(message, cause);
    }
}
