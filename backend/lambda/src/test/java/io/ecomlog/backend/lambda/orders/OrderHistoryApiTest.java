package io.ecomlog.backend.lambda.orders;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.backend.order.OrderHistoryStore;
import io.ecomlog.deployment.EnvConfig;
import io.ecomlog.testing.Dynalite;
import io.ecomlog.testing.LocalAws;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OrderHistoryApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Dynalite dynamo = Dynalite.shared();
    private final String table = LocalAws.uniqueName("orders");
    private final OrderHistoryApi api;

    OrderHistoryApiTest() {
        dynamo.createTable(OrderHistoryStore.tableDefinition(table));
        var store = new OrderHistoryStore(dynamo.client(), table);
        for (int i = 1; i <= 5; i++) {
            store.apply(OrderHistoryHandlerTest.order("17850", "53636" + i, "2010-12-0" + i + "T08:26:00Z"));
        }
        store.apply(OrderHistoryHandlerTest.order(null, "G-1", "2010-12-01T09:00:00Z"));
        api = new OrderHistoryApi(new EnvConfig(Map.of("ORDERS_TABLE", table)), dynamo.client());
    }

    @Test
    void pagesNewestFirstWithAnOpaqueToken() throws IOException {
        var request = EventLoader.loadApiGatewayRestEvent("events/api-get-customer-orders.json");
        var seen = new ArrayList<String>();
        JsonNode body;
        do {
            var response = api.handleRequest(request, null);
            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json; charset=utf-8");
            body = JSON.readTree(response.getBody());
            assertThat(body.get("orders").size()).isLessThanOrEqualTo(2);
            body.get("orders").forEach(o -> seen.add(o.get("order_id").asText()));
            var query = new HashMap<>(request.getQueryStringParameters());
            query.put("next", body.get("next").asText(null));
            request.setQueryStringParameters(query);
        } while (!body.get("next").isNull());

        assertThat(seen).containsExactly("536365", "536364", "536363", "536362", "536361");
        var first = JSON.readTree(api.handleRequest(get("17850", Map.of("limit", "1")), null).getBody())
                .get("orders").get(0);
        assertThat(first.get("status").asText()).isEqualTo("PLACED");
        assertThat(first.get("total").asText()).isEqualTo("9.90");
        assertThat(first.get("line_items").get(0).get("product_id").asText()).isEqualTo("p-536365");
        assertThat(first.has("event_ids")).isFalse();
        assertThat(first.has("customer")).isFalse();
    }

    @Test
    void guestsByTheirAnonymousId() throws IOException {
        var response = api.handleRequest(get("guest:anon-G-1", Map.of()), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.getBody()).get("orders").get(0).get("order_id").asText()).isEqualTo("G-1");
    }

    @Test
    void guestsWithoutAnAnonymousIdBySessionOrOrder() throws IOException {
        var store = new OrderHistoryStore(dynamo.client(), table);
        var bySession = OrderHistoryHandlerTest.order(null, "G-2", "2010-12-02T09:00:00Z").toBuilder()
                .anonymousId(null).sessionId("s-9").build();
        var byOrder = OrderHistoryHandlerTest.order(null, "G-3", "2010-12-03T09:00:00Z").toBuilder()
                .anonymousId(null).build();
        store.apply(bySession);
        store.apply(byOrder);

        for (var guest : Map.of("guest:session:s-9", "G-2", "guest:order:G-3", "G-3", "guest:anon-G-1", "G-1")
                .entrySet()) {
            var response = api.handleRequest(get(guest.getKey(), Map.of()), null);
            assertThat(response.getStatusCode()).as(guest.getKey()).isEqualTo(200);
            var body = JSON.readTree(response.getBody());
            assertThat(body.get("customer_id").asText()).isEqualTo(guest.getKey());
            assertThat(body.get("orders").get(0).get("order_id").asText()).isEqualTo(guest.getValue());
            // the id the API takes is the one the store gives for the key it wrote
            assertThat(OrderHistoryStore.customerId(OrderHistoryStore.customerKeyOf(guest.getKey())))
                    .isEqualTo(guest.getKey());
        }
        assertThat(OrderHistoryStore.customerId(OrderHistoryStore.customerKey(byOrder))).isEqualTo("guest:order:G-3");
        assertThat(OrderHistoryStore.customerId(OrderHistoryStore.customerKey(bySession)))
                .isEqualTo("guest:session:s-9");
    }

    @Test
    void badInputIs400UnknownIs404OtherMethods405() {
        assertThat(status(get("17850", Map.of("limit", "0")))).isEqualTo(400);
        assertThat(status(get("17850", Map.of("limit", "101")))).isEqualTo(400);
        assertThat(status(get("17850", Map.of("limit", "ten")))).isEqualTo(400);
        assertThat(status(get("17850", Map.of("next", "not-base64!")))).isEqualTo(400);
        assertThat(status(get("17850", Map.of("next", "eyJ4IjoxfQ")))).isEqualTo(400); // {"x":1}
        assertThat(status(get("a b/../c", Map.of()))).isEqualTo(400);
        assertThat(status(get("x".repeat(300), Map.of()))).isEqualTo(400);
        assertThat(status(get("99999", Map.of()))).isEqualTo(404);
        var post = get("17850", Map.of());
        post.setHttpMethod("POST");
        assertThat(status(post)).isEqualTo(405);
    }

    @Test
    void aTokenOfAnotherCustomerIsRefused() throws IOException {
        var page = JSON.readTree(api.handleRequest(get("17850", Map.of("limit", "1")), null).getBody());
        String token = page.get("next").asText();
        assertThat(status(get("17851", Map.of("next", token)))).isEqualTo(400);
        assertThat(status(get("17850", Map.of("next", token)))).isEqualTo(200);
    }

    @Test
    void anUnavailableTableIs503NotACrash() {
        var down = LocalAws.configure(DynamoDbClient.builder(), URI.create("http://127.0.0.1:" + LocalAws.freePort()))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()).build())
                .build();
        var unavailable = new OrderHistoryApi(new EnvConfig(Map.of("ORDERS_TABLE", table)), down);
        assertThat(status(unavailable, get("17850", Map.of()))).isEqualTo(503);
    }

    private int status(APIGatewayProxyRequestEvent request) {
        return status(api, request);
    }

    private static int status(OrderHistoryApi api, APIGatewayProxyRequestEvent request) {
        APIGatewayProxyResponseEvent response = api.handleRequest(request, null);
        return response.getStatusCode();
    }

    private static APIGatewayProxyRequestEvent get(String id, Map<String, String> query) {
        var request = EventLoader.loadApiGatewayRestEvent("events/api-get-customer-orders.json");
        request.setPathParameters(Map.of("id", id));
        request.setQueryStringParameters(query.isEmpty() ? null : query);
        return request;
    }

}
