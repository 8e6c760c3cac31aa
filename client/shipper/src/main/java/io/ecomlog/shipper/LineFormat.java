package io.ecomlog.shipper;

/** How a flow reads its lines. */
public enum LineFormat {
    /** JSON objects as application log lines, anything else as a plain {@code log} event. */
    AUTO,
    /**
     * Apache/Nginx access-log lines (Common or Combined Log Format) as {@code http_access} events; a line the access
     * parser refuses is rejected with its reason (the Kinesis Agent's {@code LOGTOJSON} option asks for this).
     */
    ACCESS_LOG
}
