package io.ecomlog.backend.flink.input;

import java.math.BigDecimal;

/**
 * The few fields of an ecomlog event the streaming jobs look at, in a shape Flink serializes with its own POJO
 * serializer (no Kryo on the hot path): decoding the full {@code EcomEvent} once at the source and shuffling this
 * small record keeps the keyed exchanges cheap.
 *
 * @param eventId      the event's id, the de-duplication key
 * @param type         the wire name of the event type, e.g. {@code order_completed}
 * @param eventTime    event time, epoch milliseconds
 * @param shop         {@code app.name} of the shop backend that sent it, or {@code "unknown"}
 * @param user         the user id, else the anonymous id, else null
 * @param session      the session id, or null
 * @param clientIp     the client's IP address, or null
 * @param action       whether it counts as an action of a user or client for the bot rules (see
 *                     {@link ShopEvents#of})
 * @param orderId      for orders: the order id
 * @param currency     for orders: the ISO currency code, or null
 * @param amount       for orders: the order total (see {@link ShopEvents#of}), or null
 * @param units        for orders: the units of all line items
 * @param productIds   for orders: the product id of each line item
 * @param productUnits for orders: the units of each line item, in the order of {@code productIds}
 */
public record ShopEvent(String eventId, String type, long eventTime, String shop, String user, String session,
                        String clientIp, boolean action, String orderId, String currency, BigDecimal amount, int units,
                        String[] productIds, int[] productUnits) {

    public static final String ORDER_COMPLETED = "order_completed";

    /** Whether this is a completed order. */
    public boolean isOrder() {
        return ORDER_COMPLETED.equals(type);
    }
}
