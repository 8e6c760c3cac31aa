package io.ecomlog.event;

import java.util.List;

/**
 * Thrown by {@link EcomEvent.Builder#build()} when an event breaks a rule. The message lists every problem, each
 * naming the field by its wire path and the rule, e.g. {@code order_completed.order_id must be set; currency must be
 * a 3-letter ISO 4217 code, was "EURO"}. Unchecked: an invalid event is a programming error at the call site.
 */
public final class EventValidationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> violations;

    /** An exception for these problems; the message joins them with {@code "; "}. */
    public EventValidationException(List<String> violations) {
        super(String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    /** Each problem on its own, in the order found. */
    public List<String> violations() {
        return violations;
    }
}
