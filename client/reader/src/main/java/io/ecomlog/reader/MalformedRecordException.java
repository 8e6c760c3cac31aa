package io.ecomlog.reader;

/** A record or object that cannot be read as the client writes them (broken gzip, broken KPL aggregate). */
public final class MalformedRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
