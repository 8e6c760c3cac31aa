package io.ecomlog.event;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one event so that {@link EventValidationException} reports all of them at once. Payload
 * paths are prefixed with the event type ({@code order_completed.order_id}); envelope paths are not
 * ({@code currency}).
 */
final class Violations {

    private final String typePrefix;
    private final List<String> messages = new ArrayList<>(2);

    Violations(EventType type) {
        this.typePrefix = type == null ? "" : type.wireName();
    }

    void add(boolean inPayload, String path, String rule) {
        messages.add((inPayload && !typePrefix.isEmpty() ? typePrefix + "." : "") + path + " " + rule);
    }

    void envelope(String path, String rule) {
        add(false, path, rule);
    }

    void payload(String path, String rule) {
        add(true, path, rule);
    }

    /** A message about the type as a whole, e.g. {@code checkout_started: order_id or checkout_id must be set}. */
    void addForType(String message) {
        messages.add(typePrefix.isEmpty() ? message : typePrefix + ": " + message);
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    List<String> messages() {
        return List.copyOf(messages);
    }
}
