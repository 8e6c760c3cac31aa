package io.ecomlog.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules an event must follow beyond its type's required fields: formats, ranges and signs. Runs once per
 * {@link EcomEvent.Builder#build()}, after the type and payload were found to match.
 */
final class EventValidator {

    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]*");

    private EventValidator() {
    }

    static void validate(EcomEvent e, Violations v) {
        validateEnvelope(e, v);
        for (Requirement r : e.eventType().requirements()) {
            r.check(e, v);
        }
        validatePayload(e.payload(), v);
    }

    private static void validateEnvelope(EcomEvent e, Violations v) {
        if (e.schemaVersion() < 1) {
            v.envelope("schema_version", "must be at least 1, was " + e.schemaVersion());
        }
        time(v, "event_time", e.eventTime());
        time(v, "sent_at", e.sentAt());
        if (e.currency() != null && !CURRENCY.matcher(e.currency()).matches()) {
            v.envelope("currency", "must be a 3-letter ISO 4217 code, was \"" + e.currency() + "\"");
        }
        decimal(v, false, "value", e.value(), false);
    }

    private static void time(Violations v, String path, Instant t) {
        if (t != null && (t.isBefore(EARLIEST) || t.isAfter(LATEST))) {
            v.envelope(path, "must be between " + EARLIEST + " and " + LATEST + ", was " + t);
        }
    }

    private static void validatePayload(EventPayload p, Violations v) {
        if (p instanceof ProductAction a) {
            product(v, "product", a.product());
        } else if (p instanceof Order o) {
            money(v, "total", o.total());
            money(v, "subtotal", o.subtotal());
            money(v, "revenue", o.revenue());
            money(v, "shipping", o.shipping());
            money(v, "tax", o.tax());
            money(v, "discount", o.discount());
            products(v, o.products());
        } else if (p instanceof ProductList l) {
            products(v, l.products());
        } else if (p instanceof Cart c) {
            products(v, c.products());
        } else if (p instanceof Refund r) {
            money(v, "amount", r.amount());
            products(v, r.products());
        } else if (p instanceof Search s) {
            notNegative(v, "result_count", s.resultCount());
        } else if (p instanceof CheckoutStep s) {
            if (s.step() != null && s.step() < 1) {
                v.payload("step", "must be at least 1, was " + s.step());
            }
        } else if (p instanceof TransactionFailure f) {
            if (f.reason() != null && !f.reason().isBlank() && !CODE.matcher(f.reason()).matches()) {
                v.payload("reason", "must be a lower_snake_case code such as payment_declined, was \""
                        + f.reason() + "\"");
            }
            money(v, "amount", f.amount());
        } else if (p instanceof Coupon c) {
            money(v, "discount", c.discount());
        } else if (p instanceof AppError a) {
            httpStatus(v, "http_status", a.httpStatus());
        } else if (p instanceof HttpAccess h) {
            httpStatus(v, "status", h.status());
            notNegative(v, "bytes", h.bytes());
            notNegative(v, "duration_ms", h.durationMs());
        }
    }

    private static void products(Violations v, List<Product> products) {
        for (int i = 0; i < products.size(); i++) {
            product(v, "products[" + i + "]", products.get(i));
        }
    }

    /** Value rules of a product; its required product id is a {@link Requirement} of the event type. */
    private static void product(Violations v, String path, Product p) {
        if (p == null) {
            return;
        }
        money(v, path + ".price", p.price());
        money(v, path + ".list_price", p.listPrice());
        money(v, path + ".discount", p.discount());
        notNegative(v, path + ".quantity", p.quantity());
        notNegative(v, path + ".position", p.position());
    }

    private static void money(Violations v, String path, BigDecimal amount) {
        decimal(v, true, path, amount, true);
    }

    private static void decimal(Violations v, boolean inPayload, String path, BigDecimal d, boolean notNegative) {
        if (d == null) {
            return;
        }
        if (!Decimals.withinLimits(d)) {
            v.add(inPayload, path, "must have at most " + Decimals.MAX_INTEGER_DIGITS + " integer and "
                    + Decimals.MAX_FRACTION_DIGITS + " fraction digits, was " + d);
        } else if (notNegative && d.signum() < 0) {
            v.add(inPayload, path, "must not be negative, was " + d.toPlainString());
        }
    }

    private static void notNegative(Violations v, String path, Number n) {
        if (n != null && n.longValue() < 0) {
            v.payload(path, "must not be negative, was " + n);
        }
    }

    private static void httpStatus(Violations v, String path, Integer status) {
        if (status != null && (status < 100 || status > 599)) {
            v.payload(path, "must be an HTTP status between 100 and 599, was " + status);
        }
    }
}
