package io.ecomlog.backend.lambda.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecomlog.applog.StructuredLog;
import io.ecomlog.backend.order.OrderHistoryStore;
import io.ecomlog.deployment.EnvConfig;
import io.ecomlog.deployment.FunctionEnvironments.OrderApi;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The order-history read API behind API Gateway: {@code GET /customers/{id}/orders?limit=&next=} → the customer's
 * orders, newest first, with line items, status and amounts (as decimal strings), and an opaque {@code next} token
 * for the following page. A guest's id is {@code guest:<anonymous id>}, or {@code guest:session:<session id>} for a
 * guest without an anonymous id, or {@code guest:order:<order id>} for an order with neither
 * ({@link OrderHistoryStore#customerId(String)}).
 *
 * <p>Answers: 200 with a page; 400 for a bad id, a {@code limit} outside 1-100 or a {@code next} token that is not
 * one this API gave for this customer; 404 when the customer has no orders; 405 for other methods; 503 when
 * DynamoDB fails (the client may retry). Environment: {@code ORDERS_TABLE} (required).
 */
public final class OrderHistoryApi
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final Set<String> MONEY = Set.of("total", "subtotal", "revenue", "shipping",
            "tax", "discount", OrderHistoryStore.REFUNDED, "price");
    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}._:@+-]{1,256}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder TOKEN_ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final OrderHistoryStore store;
    private final StructuredLog log = new StructuredLog(OrderHistoryApi.class.getSimpleName());

    public OrderHistoryApi() {
        this(EnvConfig.fromSystem(), DynamoDbClient.create());
    }

    public OrderHistoryApi(EnvConfig env, DynamoDbClient dynamo) {
        this.store = new OrderHistoryStore(dynamo, OrderApi.ORDERS_TABLE.read(env));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        if (!"GET".equalsIgnoreCase(request.getHttpMethod())) {
            return error(405, "only GET is supported");
        }
        String id = request.getPathParameters() == null ? null : request.getPathParameters().get("id");
        if (id == null || !ID.matcher(id).matches()) {
            return error(400, "the customer id must be 1-256 letters, digits or ._:@+-");
        }
        String customer = OrderHistoryStore.customerKeyOf(id);
        Map<String, String> query = request.getQueryStringParameters() == null ? Map.of()
                : request.getQueryStringParameters();
        int limit;
        try {
            limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : DEFAULT_LIMIT;
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return error(400, "limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        Map<String, AttributeValue> start = null;
        if (query.get("next") != null) {
            start = decodeToken(query.get("next"), customer);
            if (start == null) {
                return error(400, "next is not a token this API gave for this customer");
            }
        }
        OrderHistoryStore.Page page;
        try {
            page = store.ordersOf(customer, limit, start);
        } catch (SdkException e) {
            log.error("DynamoDB failed", Map.of("customer", customer, "error", e.toString()));
            return error(503, "order history is unavailable, retry later");
        }
        if (page.orders().isEmpty() && start == null) {
            return error(404, "no orders for customer " + id);
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("customer_id", id);
        ArrayNode orders = body.putArray("orders");
        page.orders().forEach(item -> orders.add(toJson(item)));
        body.put("next", page.next() == null ? null : encodeToken(page.next()));
        return response(200, body);
    }

    /**
     * An order item as the API shows it: attribute names as stored, numbers as decimal strings, money with at least
     * its currency's minor digits (DynamoDB keeps numbers normalised: 9.90 is stored as 9.9).
     */
    static ObjectNode toJson(Map<String, AttributeValue> item) {
        ObjectNode o = JSON.createObjectNode();
        int minorDigits = minorDigits(item.get("currency"));
        item.forEach((name, value) -> {
            if (!name.equals(OrderHistoryStore.CUSTOMER) && !name.equals(OrderHistoryStore.PLACED_SORT)
                    && !name.equals(OrderHistoryStore.EVENT_IDS)) {
                o.set(name, JSON.valueToTree(plain(name, value, minorDigits)));
            }
        });
        return o;
    }

    private static Object plain(String name, AttributeValue v, int minorDigits) {
        if (v.s() != null) {
            return v.s();
        } else if (v.n() != null) {
            var n = new BigDecimal(v.n());
            return (MONEY.contains(name) && n.scale() < minorDigits ? n.setScale(minorDigits) : n).toPlainString();
        } else if (v.bool() != null) {
            return v.bool();
        } else if (v.hasL()) {
            return v.l().stream().map(x -> plain(name, x, minorDigits)).toList();
        } else if (v.hasM()) {
            var m = new LinkedHashMap<String, Object>();
            v.m().forEach((k, x) -> m.put(k, plain(k, x, minorDigits)));
            return m;
        } else if (v.hasSs()) {
            return v.ss();
        }
        return null;
    }

    private static int minorDigits(AttributeValue currency) {
        try {
            return currency == null ? 0 : Math.max(0, Currency.getInstance(currency.s())
                    .getDefaultFractionDigits());
        } catch (IllegalArgumentException unknown) {
            return 0;
        }
    }

    static String encodeToken(Map<String, AttributeValue> key) {
        ObjectNode t = JSON.createObjectNode();
        key.forEach((name, value) -> t.put(name, value.s()));
        try {
            return TOKEN_ENCODER.encodeToString(JSON.writeValueAsBytes(t));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    /** The key in a token, or null when the token is not ours or names another customer. */
    static Map<String, AttributeValue> decodeToken(String token, String customer) {
        try {
            var t = JSON.readTree(Base64.getUrlDecoder().decode(token));
            if (t == null || !t.isObject() || t.size() != 3 || !customer.equals(t.path(OrderHistoryStore.CUSTOMER)
                    .asText()) || !t.path(OrderHistoryStore.ORDER).isTextual()
                    || !t.path(OrderHistoryStore.PLACED_SORT).isTextual()) {
                return null;
            }
            return Map.of(OrderHistoryStore.CUSTOMER, AttributeValue.fromS(customer),
                    OrderHistoryStore.ORDER, AttributeValue.fromS(t.get(OrderHistoryStore.ORDER).asText()),
                    OrderHistoryStore.PLACED_SORT, AttributeValue.fromS(t.get(OrderHistoryStore.PLACED_SORT).asText()));
        } catch (IllegalArgumentException | IOException e) {
            return null;
        }
    }

    private static APIGatewayProxyResponseEvent error(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("message", message);
        return response(status, body);
    }

    private static APIGatewayProxyResponseEvent response(int status, ObjectNode body) {
        try {
            return new APIGatewayProxyResponseEvent().withStatusCode(status)
                    .withHeaders(Map.of("Content-Type", "application/json; charset=utf-8"))
                    .withBody(new String(JSON.writeValueAsBytes(body), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
