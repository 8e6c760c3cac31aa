package io.ecomlog.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import io.ecomlog.event.ExampleEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event type, fully populated, survives encode → decode unchanged and has the documented wire names. */
class EventCodecRoundTripTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> ENVELOPE = Set.of("event_id", "event_type", "schema_version", "event_time",
            "user_id", "anonymous_id", "session_id", "app", "client", "page", "traffic_source", "currency", "value",
            "properties");

    private static final List<String> PRODUCT = List.of("product_id", "sku", "name", "brand", "variant", "category",
            "category_id", "price", "list_price", "quantity", "discount", "coupon", "position", "list_id", "url",
            "image_url");

    private static final List<String> ORDER = List.of("order_id", "checkout_id", "affiliation", "total", "subtotal",
            "revenue", "shipping", "tax", "discount", "coupon", "shipping_method", "payment_method", "reason",
            "products");

    /** The payload fields each type writes at the top level, spelled out by hand as the wire contract. */
    private static final Map<EventType, List<String>> PAYLOAD_FIELDS = new EnumMap<>(EventType.class);

    static {
        PAYLOAD_FIELDS.put(EventType.PRODUCTS_SEARCHED, List.of("query", "result_count", "filters", "sort"));
        PAYLOAD_FIELDS.put(EventType.PRODUCT_LIST_VIEWED, List.of("list_id", "list_name", "category", "products"));
        PAYLOAD_FIELDS.put(EventType.PRODUCT_CLICKED, PRODUCT);
        PAYLOAD_FIELDS.put(EventType.PRODUCT_VIEWED, PRODUCT);
        PAYLOAD_FIELDS.put(EventType.PROMOTION_VIEWED, List.of("promotion_id", "name", "creative", "creative_slot"));
        PAYLOAD_FIELDS.put(EventType.PROMOTION_CLICKED, List.of("promotion_id", "name", "creative", "creative_slot"));
        PAYLOAD_FIELDS.put(EventType.PRODUCT_ADDED, concat(PRODUCT, "cart_id"));
        PAYLOAD_FIELDS.put(EventType.PRODUCT_REMOVED, concat(PRODUCT, "cart_id"));
        PAYLOAD_FIELDS.put(EventType.CART_VIEWED, List.of("cart_id", "products"));
        PAYLOAD_FIELDS.put(EventType.CHECKOUT_STARTED, ORDER);
        PAYLOAD_FIELDS.put(EventType.CHECKOUT_STEP_COMPLETED,
                List.of("checkout_id", "order_id", "step", "shipping_method", "payment_method"));
        PAYLOAD_FIELDS.put(EventType.PAYMENT_INFO_ENTERED,
                List.of("checkout_id", "order_id", "step", "shipping_method", "payment_method"));
        PAYLOAD_FIELDS.put(EventType.ORDER_COMPLETED, ORDER);
        PAYLOAD_FIELDS.put(EventType.ORDER_UPDATED, ORDER);
        PAYLOAD_FIELDS.put(EventType.ORDER_CANCELLED, ORDER);
        PAYLOAD_FIELDS.put(EventType.ORDER_REFUNDED, List.of("order_id", "refund_id", "amount", "reason", "products"));
        PAYLOAD_FIELDS.put(EventType.TRANSACTION_FAILED, List.of("order_id", "checkout_id", "reason",
                "payment_method", "payment_provider", "amount", "error_code"));
        PAYLOAD_FIELDS.put(EventType.COUPON_APPLIED,
                List.of("coupon_id", "coupon_name", "discount", "reason", "order_id", "cart_id"));
        PAYLOAD_FIELDS.put(EventType.COUPON_DENIED,
                List.of("coupon_id", "coupon_name", "discount", "reason", "order_id", "cart_id"));
        PAYLOAD_FIELDS.put(EventType.LOGIN_SUCCEEDED, List.of("method"));
        PAYLOAD_FIELDS.put(EventType.LOGIN_FAILED, List.of("method", "reason"));
        PAYLOAD_FIELDS.put(EventType.SIGNED_UP, List.of("method"));
        PAYLOAD_FIELDS.put(EventType.PAGE_VIEWED, List.of("name", "category"));
        PAYLOAD_FIELDS.put(EventType.APP_ERROR, List.of("error_class", "error_message", "stack_trace", "http_status",
                "endpoint", "request_id", "mdc"));
        PAYLOAD_FIELDS.put(EventType.HTTP_ACCESS, List.of("host", "ident", "authuser", "method", "path", "protocol",
                "status", "bytes", "referrer", "user_agent", "duration_ms", "request_id", "mdc"));
        PAYLOAD_FIELDS.put(EventType.LOG, List.of("level", "logger", "thread", "message", "error_class",
                "error_message", "stack_trace", "mdc"));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void encodeThenDecodeGivesAnEqualEvent(EventType type) {
        EcomEvent event = ExampleEvents.of(type);

        byte[] line = CODEC.encode(event);
        EcomEvent decoded = CODEC.decode(line);

        assertThat(decoded).isEqualTo(event);
        assertThat(decoded.payload()).isEqualTo(event.payload());
        assertThat(CODEC.encode(decoded)).isEqualTo(line);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void jsonHasTheEnvelopeAndTheTypesSnakeCaseFieldsAtTopLevel(EventType type) throws IOException {
        JsonNode json = JSON.readTree(CODEC.encode(ExampleEvents.of(type)));

        var expected = new TreeSet<>(ENVELOPE);
        expected.addAll(PAYLOAD_FIELDS.get(type));
        assertThat(fieldNames(json)).isEqualTo(expected);
        assertThat(json.get("event_type").asText()).isEqualTo(type.wireName());
        assertThat(json.get("schema_version").intValue()).isEqualTo(1);
        assertThat(json.get("app").get("environment").asText()).isEqualTo("prod");
        assertThat(json.get("client").get("user_agent").isTextual()).isTrue();
        assertThat(json.get("traffic_source").get("campaign").asText()).isEqualTo("black_friday");
    }

    @Test
    void productsAreArraysOfSnakeCaseObjectsWithDecimalStrings() throws IOException {
        JsonNode json = JSON.readTree(CODEC.encode(ExampleEvents.of(EventType.ORDER_COMPLETED)));
        JsonNode first = json.get("products").get(0);

        assertThat(fieldNames(first)).isEqualTo(new TreeSet<>(PRODUCT));
        assertThat(first.get("price").isTextual()).isTrue();
        assertThat(first.get("price").asText()).isEqualTo("799.00");
        assertThat(first.get("quantity").isInt()).isTrue();
        assertThat(json.get("total").asText()).isEqualTo("843.70");
        assertThat(json.get("tax").isTextual()).isTrue();
    }

    private static Set<String> fieldNames(JsonNode node) {
        var names = new TreeSet<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> concat(List<String> list, String extra) {
        var out = new ArrayList<>(list);
        out.add(extra);
        return out;
    }
}
