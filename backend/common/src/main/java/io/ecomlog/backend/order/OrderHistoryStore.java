package io.ecomlog.backend.order;

import io.ecomlog.backend.aws.TableRequests;
import io.ecomlog.deployment.Tables;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import io.ecomlog.event.Order;
import io.ecomlog.event.Product;
import io.ecomlog.event.Refund;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order-history table: one item per order, keyed for "the orders of a customer, newest first".
 *
 * <p>Keys: partition key {@code customer} is {@code user#<user_id>}, or for guests {@code guest#<anonymous_id>}
 * (then {@code guest#session#<session_id>}, then {@code guest#order#<order_id>}), so an order without a user is a
 * guest order, never a drop; readers name a customer by {@link #customerId(String)}; sort key
 * {@code order_id} is the order id, so every event of one order — placed, updated, cancelled, refunded — lands on
 * one item, and two orders never collide however close in time (the seeds' {@code InvoiceNo-StockCode} and
 * epoch-second keys both do). The local secondary index {@value #BY_TIME} sorts a customer's orders by
 * {@code placed_sort} ({@code <placed_at>#<order_id>}) for the newest-first read.
 *
 * <p>Idempotent without transactions: each write is one {@code UpdateItem} conditioned on the event's id not being
 * in the item's {@value #EVENT_IDS} set, and adds it there, so a redelivered event changes nothing. Line items are
 * kept as a list of maps; money as DynamoDB numbers (exact decimals). Cancellations set the status; refunds add to
 * {@value #REFUNDED} and set {@code REFUNDED} or {@code PARTIALLY_REFUNDED}. Thread-safe.
 */
public final class OrderHistoryStore {

    public static final String CUSTOMER = Tables.ORDERS.partitionKey();
    public static final String ORDER = Tables.ORDERS.sortKey();
    public static final String BY_TIME = Tables.ORDERS_BY_TIME;
    public static final String PLACED_SORT = Tables.ORDERS.index(BY_TIME).sortKey();
    public static final String EVENT_IDS = "event_ids";
    public static final String REFUNDED = "refunded";

    /** An order's status. */
    public enum Status {
        PLACED, CANCELLED, PARTIALLY_REFUNDED, REFUNDED
    }

    /** What applying an event did. */
    public enum Outcome {
        /** The event changed its order. */
        APPLIED,
        /** The event was applied before (a redelivery): nothing changed. */
        DUPLICATE,
        /** Not an order event: not this table's business. */
        IGNORED
    }

    /** One page of a customer's orders, newest first; {@code next} is null on the last page. */
    public record Page(List<Map<String, AttributeValue>> orders, Map<String, AttributeValue> next) {
    }

    private static final Set<EventType> ORDER_EVENTS = Set.of(EventType.ORDER_COMPLETED, EventType.ORDER_UPDATED,
            EventType.ORDER_CANCELLED, EventType.ORDER_REFUNDED);

    private final DynamoDbClient dynamo;
    private final String table;

    public OrderHistoryStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The table as this store expects it (on-demand, with the {@value #BY_TIME} index), for tests and local mode. */
    public static CreateTableRequest tableDefinition(String table) {
        return TableRequests.create(Tables.ORDERS, table);
    }

    public static boolean isOrderEvent(EcomEvent event) {
        return ORDER_EVENTS.contains(event.eventType());
    }

    private static final String USER = "user#";
    private static final String GUEST = "guest#";
    private static final String GUEST_SESSION = GUEST + "session#";
    private static final String GUEST_ORDER = GUEST + "order#";
    /** How the read API names a guest: {@code guest:<anonymous id>}, {@code guest:session:<id>}, {@code guest:order:<id>}. */
    public static final String GUEST_ID_PREFIX = "guest:";
    private static final String GUEST_SESSION_ID = GUEST_ID_PREFIX + "session:";
    private static final String GUEST_ORDER_ID = GUEST_ID_PREFIX + "order:";

    /** The partition key of the customer an order event belongs to. */
    public static String customerKey(EcomEvent event) {
        if (event.userId() != null) {
            return userKey(event.userId());
        } else if (event.anonymousId() != null) {
            return GUEST + event.anonymousId();
        } else if (event.sessionId() != null) {
            return GUEST_SESSION + event.sessionId();
        }
        return GUEST_ORDER + event.orderId();
    }

    public static String userKey(String userId) {
        return USER + userId;
    }

    /** Whether a partition key is a guest's (any key but a registered user's). */
    public static boolean isGuest(String customerKey) {
        return !customerKey.startsWith(USER);
    }

    /**
     * The customer id the read API and the dashboard take for a partition key: the user id for a registered
     * customer; for a guest {@code guest:<anonymous id>}, or {@code guest:session:<session id>} without one, or
     * {@code guest:order:<order id>} without either.
     */
    public static String customerId(String customerKey) {
        if (customerKey.startsWith(USER)) {
            return customerKey.substring(USER.length());
        } else if (customerKey.startsWith(GUEST_SESSION)) {
            return GUEST_SESSION_ID + customerKey.substring(GUEST_SESSION.length());
        } else if (customerKey.startsWith(GUEST_ORDER)) {
            return GUEST_ORDER_ID + customerKey.substring(GUEST_ORDER.length());
        } else if (customerKey.startsWith(GUEST)) {
            return GUEST_ID_PREFIX + customerKey.substring(GUEST.length());
        }
        throw new IllegalArgumentException("not a customer key of this table: " + customerKey);
    }

    /** The partition key of a customer id as {@link #customerId(String)} gives it. */
    public static String customerKeyOf(String customerId) {
        if (customerId.startsWith(GUEST_SESSION_ID)) {
            return GUEST_SESSION + customerId.substring(GUEST_SESSION_ID.length());
        } else if (customerId.startsWith(GUEST_ORDER_ID)) {
            return GUEST_ORDER + customerId.substring(GUEST_ORDER_ID.length());
        } else if (customerId.startsWith(GUEST_ID_PREFIX)) {
            return GUEST + customerId.substring(GUEST_ID_PREFIX.length());
        }
        return userKey(customerId);
    }

    /**
     * Applies one order event to its order's item.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when DynamoDB fails after the client's retries
     *                                                              (throttling, outage): the caller retries the event
     */
    public Outcome apply(EcomEvent event) {
        if (!isOrderEvent(event)) {
            return Outcome.IGNORED;
        }
        var update = new Update(event);
        switch (event.eventType()) {
            case ORDER_COMPLETED -> update.placed((Order) event.payload(), true);
            case ORDER_UPDATED -> update.placed((Order) event.payload(), false).add("update_count", num(1));
            case ORDER_CANCELLED -> update.placed((Order) event.payload(), false)
                    .set("#status", "status", str(Status.CANCELLED.name()))
                    .set("cancelled_at", str(event.eventTime().toString()))
                    .setIfPresent("cancel_reason", ((Order) event.payload()).reason());
            case ORDER_REFUNDED -> update.refunded((Refund) event.payload());
            default -> throw new IllegalStateException("not an order event: " + event.eventType());
        }
        Map<String, AttributeValue> after;
        try {
            after = dynamo.updateItem(update.request()).attributes();
        } catch (ConditionalCheckFailedException alreadyApplied) {
            if (event.eventType() == EventType.ORDER_REFUNDED) {
                settleRefundStatus(update.key); // a crash may have come between the two writes of a refund
            }
            return Outcome.DUPLICATE;
        }
        if (event.eventType() == EventType.ORDER_REFUNDED) {
            settleRefundStatus(update.key, after);
        }
        return Outcome.APPLIED;
    }

    /** A page of the customer's orders, newest first. */
    public Page ordersOf(String customerKey, int limit, Map<String, AttributeValue> startAfter) {
        var request = QueryRequest.builder().tableName(table).indexName(BY_TIME)
                .keyConditionExpression("#c = :c").expressionAttributeNames(Map.of("#c", CUSTOMER))
                .expressionAttributeValues(Map.of(":c", str(customerKey))).scanIndexForward(false).limit(limit);
        if (startAfter != null && !startAfter.isEmpty()) {
            request.exclusiveStartKey(startAfter);
        }
        var response = dynamo.query(request.build());
        return new Page(response.items(), response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey() : null);
    }

    private void settleRefundStatus(Map<String, AttributeValue> key) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        if (item != null && !item.isEmpty()) {
            settleRefundStatus(key, item);
        }
    }

    /** Refunds covering the total make the order REFUNDED, less PARTIALLY_REFUNDED; a cancellation stays. */
    private void settleRefundStatus(Map<String, AttributeValue> key, Map<String, AttributeValue> item) {
        var status = item.get("status");
        if (status != null && Status.CANCELLED.name().equals(status.s())) {
            return;
        }
        BigDecimal refunded = decimal(item.get(REFUNDED));
        BigDecimal total = decimal(item.get("total"));
        String settled = total != null && refunded != null && refunded.compareTo(total) >= 0
                ? Status.REFUNDED.name() : Status.PARTIALLY_REFUNDED.name();
        dynamo.updateItem(b -> b.tableName(table).key(key).updateExpression("SET #status = :s")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":s", str(settled))));
    }

    /** One conditional UpdateItem being assembled. */
    private final class Update {
        private final EcomEvent event;
        private final Map<String, AttributeValue> key;
        private final List<String> sets = new ArrayList<>();
        private final List<String> adds = new ArrayList<>();
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, AttributeValue> values = new HashMap<>();

        Update(EcomEvent event) {
            this.event = event;
            this.key = Map.of(CUSTOMER, str(customerKey(event)), ORDER, str(event.orderId()));
            names.put("#eids", EVENT_IDS);
            values.put(":eid", str(event.eventId().toString()));
            values.put(":eidset", AttributeValue.fromSs(List.of(event.eventId().toString())));
            adds.add("#eids :eidset");
            set("customer_type", str(event.userId() != null ? "user" : "guest"));
            set("last_event_at", str(event.eventTime().toString()));
            setIfAbsent("placed_at", str(event.eventTime().toString()));
            setIfAbsent(PLACED_SORT, str(event.eventTime() + "#" + event.orderId()));
            setIfAbsent("#status", "status", str(Status.PLACED.name()));
            if (event.currency() != null) {
                setIfAbsent("currency", str(event.currency()));
            }
            Object country = event.properties().get("country");
            if (country != null) {
                setIfAbsent("country", str(country.toString()));
            }
        }

        /** The order's content; {@code authoritative} (the completed event) overwrites, others fill what is absent. */
        Update placed(Order order, boolean authoritative) {
            if (authoritative) {
                set("placed_at", str(event.eventTime().toString()));
                set(PLACED_SORT, str(event.eventTime() + "#" + event.orderId()));
            }
            amount("total", order.total(), authoritative);
            amount("subtotal", order.subtotal(), authoritative);
            amount("revenue", order.revenue(), authoritative);
            amount("shipping", order.shipping(), authoritative);
            amount("tax", order.tax(), authoritative);
            amount("discount", order.discount(), authoritative);
            text("coupon", order.coupon(), authoritative);
            text("payment_method", order.paymentMethod(), authoritative);
            text("shipping_method", order.shippingMethod(), authoritative);
            text("affiliation", order.affiliation(), authoritative);
            // an update that lists products replaces the lines; one without them (a status change) keeps them
            boolean replace = authoritative
                    || event.eventType() == EventType.ORDER_UPDATED && !order.products().isEmpty();
            var lines = lines(order.products());
            int items = order.products().stream().mapToInt(p -> p.quantity() == null ? 1 : p.quantity()).sum();
            put(replace, "line_items", AttributeValue.fromL(lines));
            put(replace, "line_count", num(lines.size()));
            put(replace, "item_count", num(items));
            return this;
        }

        Update refunded(Refund refund) {
            BigDecimal amount = refund.amount();
            if (amount == null) {
                amount = BigDecimal.ZERO;
                for (Product p : refund.products()) {
                    if (p.price() != null) {
                        amount = amount.add(p.price().multiply(BigDecimal.valueOf(p.quantity() == null ? 1
                                : p.quantity())));
                    }
                }
            }
            names.put("#refunded", REFUNDED);
            values.put(":refund", AttributeValue.fromN(amount.toPlainString()));
            adds.add("#refunded :refund");
            set("refunded_at", str(event.eventTime().toString()));
            return this;
        }

        Update add(String name, AttributeValue value) {
            String p = placeholder(name);
            names.put(p, name);
            values.put(":" + p.substring(1), value);
            adds.add(p + " :" + p.substring(1));
            return this;
        }

        Update set(String name, AttributeValue value) {
            return set(placeholder(name), name, value);
        }

        Update set(String placeholder, String name, AttributeValue value) {
            names.put(placeholder, name);
            String v = ":" + placeholder.substring(1);
            values.put(v, value);
            sets.removeIf(s -> s.startsWith(placeholder + " "));
            sets.add(placeholder + " = " + v);
            return this;
        }

        Update setIfPresent(String name, String value) {
            return value == null ? this : set(name, str(value));
        }

        private void setIfAbsent(String name, AttributeValue value) {
            setIfAbsent(placeholder(name), name, value);
        }

        private void setIfAbsent(String placeholder, String name, AttributeValue value) {
            names.put(placeholder, name);
            String v = ":" + placeholder.substring(1);
            values.put(v, value);
            sets.removeIf(s -> s.startsWith(placeholder + " "));
            sets.add(placeholder + " = if_not_exists(" + placeholder + ", " + v + ")");
        }

        private void put(boolean overwrite, String name, AttributeValue value) {
            if (overwrite) {
                set(name, value);
            } else {
                setIfAbsent(name, value);
            }
        }

        private void amount(String name, BigDecimal value, boolean overwrite) {
            if (value != null) {
                put(overwrite, name, AttributeValue.fromN(value.toPlainString()));
            }
        }

        private void text(String name, String value, boolean overwrite) {
            if (value != null) {
                put(overwrite, name, str(value));
            }
        }

        UpdateItemRequest request() {
            return UpdateItemRequest.builder().tableName(table).key(key)
                    .updateExpression("SET " + String.join(", ", sets) + " ADD " + String.join(", ", adds))
                    .conditionExpression("attribute_not_exists(#eids) OR NOT contains(#eids, :eid)")
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW).build();
        }

        private static String placeholder(String name) {
            return "#" + name;
        }
    }

    private static List<AttributeValue> lines(List<Product> products) {
        var lines = new ArrayList<AttributeValue>(products.size());
        for (Product p : products) {
            var m = new LinkedHashMap<String, AttributeValue>();
            putText(m, "product_id", p.productId());
            putText(m, "sku", p.sku());
            putText(m, "name", p.name());
            putText(m, "brand", p.brand());
            putText(m, "variant", p.variant());
            putText(m, "category", p.category());
            if (p.quantity() != null) {
                m.put("quantity", num(p.quantity()));
            }
            if (p.price() != null) {
                m.put("price", AttributeValue.fromN(p.price().toPlainString()));
            }
            if (p.discount() != null) {
                m.put("discount", AttributeValue.fromN(p.discount().toPlainString()));
            }
            putText(m, "coupon", p.coupon());
            lines.add(AttributeValue.fromM(m));
        }
        return lines;
    }

    private static void putText(Map<String, AttributeValue> m, String name, String value) {
        if (value != null && !value.isEmpty()) {
            m.put(name, str(value));
        }
    }

    private static AttributeValue str(String s) {
        return AttributeValue.fromS(s);
    }

    private static AttributeValue num(long n) {
        return AttributeValue.fromN(Long.toString(n));
    }

    static BigDecimal decimal(AttributeValue v) {
        return v == null || v.n() == null ? null : new BigDecimal(v.n());
    }


}
