package io.ecomlog.backend.flink.input;

import io.ecomlog.access.RequestAction;
import io.ecomlog.event.App;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import io.ecomlog.event.Order;
import io.ecomlog.event.Product;

import java.math.BigDecimal;
import java.util.List;

/** Turns a decoded {@link EcomEvent} into the {@link ShopEvent} the jobs work on. */
public final class ShopEvents {

    /** The shop of events whose {@code app.name} is missing. */
    public static final String UNKNOWN_SHOP = "unknown";

    private ShopEvents() {
    }

    /**
     * The job's view of an event. Every event is an action for the bot rules except log lines, application errors
     * and access-log requests for assets (images, scripts, styles: one page view pulls dozens of them, so a person
     * reading one page would look like a bot). An order's amount is its {@code total}, else its {@code revenue}, else the
     * envelope's {@code value}, else the sum of price × quantity of its lines; a line without a quantity is one unit.
     */
    public static ShopEvent of(EcomEvent e) {
        App app = e.app();
        String shop = app != null && app.name() != null ? app.name() : UNKNOWN_SHOP;
        String user = e.userId() != null ? e.userId() : e.anonymousId();
        String ip = e.client() != null ? e.client().ip() : null;
        String orderId = null;
        BigDecimal amount = null;
        int units = 0;
        String[] productIds = new String[0];
        int[] productUnits = new int[0];
        if (e.eventType() == EventType.ORDER_COMPLETED && e.payload() instanceof Order order) {
            orderId = order.orderId();
            List<Product> lines = order.products();
            productIds = new String[lines.size()];
            productUnits = new int[lines.size()];
            BigDecimal linesTotal = BigDecimal.ZERO;
            boolean pricedLines = !lines.isEmpty();
            for (int i = 0; i < lines.size(); i++) {
                Product p = lines.get(i);
                int quantity = p.quantity() == null ? 1 : p.quantity();
                productIds[i] = p.productId();
                productUnits[i] = quantity;
                units += quantity;
                if (p.price() == null) {
                    pricedLines = false;
                } else {
                    linesTotal = linesTotal.add(p.price().multiply(BigDecimal.valueOf(quantity)));
                }
            }
            amount = first(order.total(), order.revenue(), e.value(), pricedLines ? linesTotal : null);
        }
        return new ShopEvent(e.eventId().toString(), e.eventType().wireName(), e.eventTime().toEpochMilli(), shop,
                user, e.sessionId(), ip, isAction(e), orderId, e.currency(), amount, units, productIds, productUnits);
    }

    private static boolean isAction(EcomEvent e) {
        return switch (e.eventType()) {
            case LOG, APP_ERROR -> false;
            case HTTP_ACCESS -> !RequestAction.ASSET.label().equals(e.properties().get("action"));
            default -> true;
        };
    }

    private static BigDecimal first(BigDecimal... amounts) {
        for (BigDecimal a : amounts) {
            if (a != null) {
                return a;
            }
        }
        return null;
    }
}
