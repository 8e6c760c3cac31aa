package io.ecomlog.backend.order;

import io.ecomlog.backend.order.OrderHistoryStore.Outcome;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.Events;
import io.ecomlog.event.Order;
import io.ecomlog.event.Product;
import io.ecomlog.event.Refund;
import io.ecomlog.testing.Dynalite;
import io.ecomlog.testing.LocalAws;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The order-history table on dynalite: keys, idempotency, status changes, newest-first pages. */
class OrderHistoryStoreTest {

    private final Dynalite dynamo = Dynalite.shared();
    private final String table = LocalAws.uniqueName("orders");
    private final OrderHistoryStore store;

    OrderHistoryStoreTest() {
        dynamo.createTable(OrderHistoryStore.tableDefinition(table));
        store = new OrderHistoryStore(dynamo.client(), table);
    }

    static EcomEvent completed(String user, String orderId, String time, String... lineIdsAndPrices) {
        var products = new ArrayList<Product>();
        var total = java.math.BigDecimal.ZERO;
        for (int i = 0; i < lineIdsAndPrices.length; i += 2) {
            var price = new java.math.BigDecimal(lineIdsAndPrices[i + 1]);
            products.add(Product.builder(lineIdsAndPrices[i]).price(price).quantity(2).build());
            total = total.add(price.multiply(java.math.BigDecimal.valueOf(2)));
        }
        return Events.orderCompleted(Order.builder().orderId(orderId).total(total).products(products).build())
                .userId(user).currency("EUR").eventTime(Instant.parse(time)).build();
    }

    @Test
    void anOrderIsOneItemWithItsLinesAndARedeliveryChangesNothing() {
        var order = completed("u1", "O-1", "2026-12-01T10:00:00Z", "p1", "2.50", "p2", "10.00");

        assertThat(store.apply(order)).isEqualTo(Outcome.APPLIED);
        assertThat(store.apply(order)).isEqualTo(Outcome.DUPLICATE);

        var item = only("user#u1");
        assertThat(item.get("order_id").s()).isEqualTo("O-1");
        assertThat(item.get("status").s()).isEqualTo("PLACED");
        assertThat(new java.math.BigDecimal(item.get("total").n())).isEqualByComparingTo("25.00");
        assertThat(item.get("line_count").n()).isEqualTo("2");
        assertThat(item.get("item_count").n()).isEqualTo("4");
        assertThat(item.get("line_items").l()).extracting(l -> l.m().get("product_id").s()).containsExactly("p1", "p2");
        assertThat(item.get("event_ids").ss()).containsExactly(order.eventId().toString());
        assertThat(item.get("currency").s()).isEqualTo("EUR");
    }

    @Test
    void twoOrdersInTheSameSecondNeverCollideAndComeNewestFirst() {
        for (int i = 0; i < 5; i++) {
            store.apply(completed("u2", "O-" + i, "2026-12-01T10:00:0" + (i < 3 ? 0 : i) + "Z", "p", "1"));
        }

        var first = store.ordersOf("user#u2", 2, null);
        assertThat(first.orders()).extracting(o -> o.get("order_id").s()).containsExactly("O-4", "O-3");
        var second = store.ordersOf("user#u2", 2, first.next());
        var third = store.ordersOf("user#u2", 2, second.next());
        var all = new ArrayList<String>();
        for (var page : List.of(first, second, third)) {
            page.orders().forEach(o -> all.add(o.get("order_id").s()));
        }
        assertThat(all).hasSize(5).containsExactlyInAnyOrder("O-0", "O-1", "O-2", "O-3", "O-4");
        assertThat(all.subList(2, 5)).containsExactlyInAnyOrder("O-0", "O-1", "O-2");
    }

    @Test
    void aCancellationBeforeOrAfterTheOrderLeavesItCancelled() {
        var cancel = Events.orderCancelled(Order.builder().orderId("O-7").reason("customer_request").build())
                .userId("u3").eventTime(Instant.parse("2026-12-01T11:00:00Z")).build();
        var order = completed("u3", "O-7", "2026-12-01T10:00:00Z", "p", "3");

        store.apply(cancel);
        store.apply(order);

        var item = only("user#u3");
        assertThat(item.get("status").s()).isEqualTo("CANCELLED");
        assertThat(item.get("cancel_reason").s()).isEqualTo("customer_request");
        assertThat(item.get("placed_at").s()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(item.get("line_count").n()).isEqualTo("1");
    }

    @Test
    void refundsAddUpToPartialThenFullAndARedeliveredRefundCountsOnce() {
        store.apply(completed("u4", "O-9", "2026-12-01T10:00:00Z", "p", "5")); // total 10
        var part = Events.orderRefunded(Refund.builder("O-9").amount("4").build()).userId("u4").build();
        var rest = Events.orderRefunded(Refund.builder("O-9").amount("6").build()).userId("u4").build();

        store.apply(part);
        assertThat(only("user#u4").get("status").s()).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(store.apply(part)).isEqualTo(Outcome.DUPLICATE);
        store.apply(rest);

        var item = only("user#u4");
        assertThat(new java.math.BigDecimal(item.get("refunded").n())).isEqualByComparingTo("10");
        assertThat(item.get("status").s()).isEqualTo("REFUNDED");
    }

    @Test
    void anOrderWithoutAUserIsAGuestOrderNotADrop() {
        var guest = Events.orderCompleted(Order.builder().orderId("G-1").total("1").build())
                .anonymousId("anon-9").build();
        assertThat(OrderHistoryStore.customerKey(guest)).isEqualTo("guest#anon-9");
        assertThat(store.apply(guest)).isEqualTo(Outcome.APPLIED);
        assertThat(only("guest#anon-9").get("customer_type").s()).isEqualTo("guest");

        var nobody = Events.orderCompleted(Order.builder().orderId("G-2").total("1").build()).build();
        assertThat(OrderHistoryStore.customerKey(nobody)).isEqualTo("guest#order#G-2");
    }

    @Test
    void otherEventsAreNotThisTablesBusiness() {
        var view = Events.productViewed(Product.builder("p").build()).userId("u5").build();
        assertThat(store.apply(view)).isEqualTo(Outcome.IGNORED);
        assertThat(store.ordersOf("user#u5", 10, null).orders()).isEmpty();
    }

    private Map<String, AttributeValue> only(String customer) {
        var page = store.ordersOf(customer, 10, null);
        assertThat(page.orders()).hasSize(1);
        return page.orders().get(0);
    }
}
