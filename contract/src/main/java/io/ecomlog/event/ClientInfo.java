package io.ecomlog.event;

/**
 * The client the request came from ({@code client} on the wire).
 *
 * @param ip        client IP address as text (IPv4 or IPv6); mind your privacy rules before sending it
 * @param userAgent the User-Agent header
 * @param locale    a BCP 47 language tag such as {@code "de-CH"}
 */
public record ClientInfo(String ip, String userAgent, String locale) {

    /** Cleans invalid UTF-16 out of every value. */
    public ClientInfo {
        ip = Text.clean(ip);
        userAgent = Text.clean(userAgent);
        locale = Text.clean(locale);
    }

    boolean isEmpty() {
        return ip == null && userAgent == null && locale == null;
    }

    int jsonSize() {
        return JsonSize.string("ip", ip) + JsonSize.string("user_agent", userAgent)
                + JsonSize.string("locale", locale) + 2;
    }
}
