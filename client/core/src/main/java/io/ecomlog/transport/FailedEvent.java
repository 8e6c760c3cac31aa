package io.ecomlog.transport;

import io.ecomlog.record.EncodedEvent;

/** An event a destination did not take, and why. */
public record FailedEvent(EncodedEvent event, FailureKind kind, String detail) {
}
