package io.ecomlog.event;

/**
 * Payload of {@code login_succeeded}, {@code login_failed} and {@code signed_up}. It deliberately has no user name
 * or e-mail field: those are personal data; identify the user with the envelope's {@code user_id} instead.
 *
 * @param method how the user authenticated, e.g. {@code "password"}, {@code "google"}, {@code "passkey"} (required)
 * @param reason why a login failed, e.g. {@code "bad_password"}, {@code "locked"} (required for failures)
 */
public record Authentication(String method, String reason) implements EventPayload {

    /** Cleans invalid UTF-16 out of both values. */
    public Authentication {
        method = Text.clean(method);
        reason = Text.clean(reason);
    }

    int jsonSize() {
        return JsonSize.string("method", method) + JsonSize.string("reason", reason);
    }
}
