package io.ecomlog.event;

/**
 * Payload of {@code http_access}: one request as an access log records it (the Common/Combined Log Format fields
 * plus duration and request id). Needs method, path and status.
 *
 * <pre>{@code
 * Events.httpAccess(HttpAccess.builder("GET", "/cart", 200).host("203.0.113.9").bytes(5120L).durationMs(12L).build())
 *         .eventTime(requestEnd).build();
 * }</pre>
 *
 * @param host       the remote host (client address) as logged
 * @param ident      RFC 1413 identity, usually absent ({@code -} in the log)
 * @param authuser   the authenticated user name as logged
 * @param method     the HTTP method, e.g. {@code "GET"}
 * @param path       the request target including query string
 * @param protocol   e.g. {@code "HTTP/1.1"}
 * @param status     the response status, 100-599
 * @param bytes      response body size in bytes; not negative
 * @param referrer   the Referer header
 * @param userAgent  the User-Agent header
 * @param durationMs time to serve the request in milliseconds; not negative
 * @param requestId  the request id, to join with {@code app_error}
 */
public record HttpAccess(String host, String ident, String authuser, String method, String path, String protocol,
                         Integer status, Long bytes, String referrer, String userAgent, Long durationMs,
                         String requestId) implements EventPayload {

    /** Cleans invalid UTF-16 out of every string. */
    public HttpAccess {
        host = Text.clean(host);
        ident = Text.clean(ident);
        authuser = Text.clean(authuser);
        method = Text.clean(method);
        path = Text.clean(path);
        protocol = Text.clean(protocol);
        referrer = Text.clean(referrer);
        userAgent = Text.clean(userAgent);
        requestId = Text.clean(requestId);
    }

    /** A builder for the request with the three required fields. */
    public static Builder builder(String method, String path, int status) {
        return new Builder(method, path, status);
    }

    int jsonSize() {
        return JsonSize.string("host", host) + JsonSize.string("ident", ident)
                + JsonSize.string("authuser", authuser) + JsonSize.string("method", method)
                + JsonSize.string("path", path) + JsonSize.string("protocol", protocol)
                + JsonSize.integer("status", status) + JsonSize.integer("bytes", bytes)
                + JsonSize.string("referrer", referrer) + JsonSize.string("user_agent", userAgent)
                + JsonSize.integer("duration_ms", durationMs) + JsonSize.string("request_id", requestId);
    }

    /** Fluent builder for {@link HttpAccess}. */
    public static final class Builder {
        private final String method;
        private final String path;
        private final int status;
        private String host;
        private String ident;
        private String authuser;
        private String protocol;
        private Long bytes;
        private String referrer;
        private String userAgent;
        private Long durationMs;
        private String requestId;

        private Builder(String method, String path, int status) {
            this.method = method;
            this.path = path;
            this.status = status;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder ident(String ident) {
            this.ident = ident;
            return this;
        }

        public Builder authuser(String authuser) {
            this.authuser = authuser;
            return this;
        }

        public Builder protocol(String protocol) {
            this.protocol = protocol;
            return this;
        }

        public Builder bytes(Long bytes) {
            this.bytes = bytes;
            return this;
        }

        public Builder referrer(String referrer) {
            this.referrer = referrer;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        public Builder durationMs(Long durationMs) {
            this.durationMs = durationMs;
            return this;
        }

        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        public HttpAccess build() {
            return new HttpAccess(host, ident, authuser, method, path, protocol, status, bytes, referrer, userAgent,
                    durationMs, requestId);
        }
    }
}
