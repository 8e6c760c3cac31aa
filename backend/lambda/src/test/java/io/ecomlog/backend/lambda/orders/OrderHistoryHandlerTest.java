package io.ecomlog.backend.lambda.orders;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.ecomlog.backend.order.OrderHistoryStore;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.deployment.EnvConfig;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.Events;
import io.ecomlog.event.Order;
import io.ecomlog.event.Product;
import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.publicdata.OnlineRetailParser;
import io.ecomlog.reader.KplAggregate;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.testing.Dynalite;
import io.ecomlog.testing.KinesisLocal;
import io.ecomlog.testing.LocalAws;
import io.ecomlog.testing.SampleData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** Kinesis → DynamoDB order history against dynalite, kinesis-local and a WireMock fault proxy. */
class OrderHistoryHandlerTest {

    private final Dynalite dynamo = Dynalite.shared();
    private final EventCodec codec = new EventCodec();
    private final String table = LocalAws.uniqueName("orders");
    private final OrderHistoryStore store;
    private final OrderHistoryHandler handler;
    private WireMockServer proxy;

    OrderHistoryHandlerTest() {
        dynamo.createTable(OrderHistoryStore.tableDefinition(table));
        store = new OrderHistoryStore(dynamo.client(), table);
        handler = new OrderHistoryHandler(new EnvConfig(Map.of("ORDERS_TABLE", table)), dynamo.client());
    }

    @AfterEach
    void stopProxy() {
        if (proxy != null) {
            proxy.stop();
        }
    }

    @Test
    void aKplAggregateAGzipRecordAndJunkInOneBatch() {
        var o1 = order("u1", "O-1", "2026-12-01T10:00:00Z");
        var o2 = order("u1", "O-2", "2026-12-01T11:00:00Z");
        var o3 = order(null, "O-3", "2026-12-01T12:00:00Z"); // a guest: keyed by anonymous id
        var view = Events.productViewed(Product.builder("p").build()).userId("u1").build();
        byte[] aggregate = KplAggregate.aggregate(List.of(new KplAggregate.UserRecord("u1", ndjson(o1)),
                new KplAggregate.UserRecord("u1", RecordCodec.gzip(ndjson(o2, view)))));
        byte[] gzip = RecordCodec.gzip(join(codec.encode(o3), "{broken".getBytes(StandardCharsets.UTF_8)));
        byte[] junk = "\u0000\u0001 not a record".getBytes(StandardCharsets.UTF_8);

        StreamsEventResponse response = handler.handleRequest(KinesisEvents.of(List.of(aggregate, junk, gzip)), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(ids(store.ordersOf("user#u1", 10, null))).containsExactly("O-2", "O-1");
        assertThat(ids(store.ordersOf("guest#anon-O-3", 10, null))).containsExactly("O-3");
    }

    @Test
    void aRedeliveredBatchChangesNothing() {
        var batch = KinesisEvents.of(List.of(ndjson(order("u2", "O-1", "2026-12-01T10:00:00Z"),
                Events.orderCancelled(Order.builder().orderId("O-1").build()).userId("u2").build())));

        handler.handleRequest(batch, null);
        var before = store.ordersOf("user#u2", 10, null).orders();
        handler.handleRequest(batch, null);

        assertThat(store.ordersOf("user#u2", 10, null).orders()).isEqualTo(before);
        assertThat(before.get(0).get("status").s()).isEqualTo("CANCELLED");
        assertThat(before.get(0).get("event_ids").ss()).hasSize(2);
    }

    /** UCI Online Retail through the real client into kinesis-local (packed, gzip), then through the handler. */
    @Test
    void theOnlineRetailSampleEqualsAnIndependentGroupingOfTheCsv() throws Exception {
        var kinesis = KinesisLocal.shared();
        String stream = kinesis.uniqueStreamName("orders");
        kinesis.createStream(stream, 2);
        var parsed = new OnlineRetailParser().parse(SampleData.file(SampleData.ONLINE_RETAIL));
        try (var client = EcomlogClient.builder().kinesis(kinesis.client(), stream).gzip(true).producerId("retail")
                .shutdownHook(false).linger(Duration.ofMillis(50)).build()) {
            parsed.events().forEach(client::track);
            assertThat(client.close(Duration.ofSeconds(30))).isTrue();
        }
        var records = kinesis.readAll(stream);

        for (var batch : KinesisEvents.batches(records, 7)) {
            assertThat(handler.handleRequest(batch, null).getBatchItemFailures()).isEmpty();
        }

        var expected = independentGrouping();
        assertThat(expected).hasSize(parsed.events().stream().map(OrderHistoryStore::customerKey).distinct().toList()
                .size());
        for (var customer : expected.entrySet()) {
            var stored = new TreeMap<String, Map<String, AttributeValue>>();
            for (var item : allOrders(OrderHistoryStore.customerKeyOf(customer.getKey()))) {
                stored.put(item.get("order_id").s(), item);
            }
            assertThat(stored.keySet()).as("invoices of " + customer.getKey())
                    .containsExactlyInAnyOrderElementsOf(customer.getValue().keySet());
            customer.getValue().forEach((invoice, e) -> {
                var item = stored.get(invoice);
                assertThat(new BigDecimal(item.get("total").n())).as(invoice).isEqualByComparingTo(e.total());
                assertThat(Integer.parseInt(item.get("line_count").n())).as(invoice).isEqualTo(e.lines());
                assertThat(item.get("status").s()).as(invoice).isEqualTo(e.cancelled() ? "CANCELLED" : "PLACED");
            });
        }
        long cancellations = expected.values().stream().flatMap(m -> m.values().stream())
                .filter(Expected::cancelled).count();
        assertThat(cancellations).isEqualTo(4); // the sample's README: 4 cancellation invoices
    }

    @Test
    void throttlingIsRetriedByTheClientAndAnOutageFailsTheBatchFromTheFailedRecord() {
        proxy = new WireMockServer(options().dynamicPort().bindAddress(LocalAws.LOOPBACK));
        proxy.start();
        proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(dynamo.endpoint().toString())));
        var client = LocalAws.configure(DynamoDbClient.builder(), java.net.URI.create(proxy.baseUrl()))
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
                        .build()).build();
        var faulty = new OrderHistoryHandler(new EnvConfig(Map.of("ORDERS_TABLE", table)), client);
        // two throttled answers: the client's retries absorb them
        throttle(proxy, "Started", "t1");
        throttle(proxy, "t1", "t2");
        var first = KinesisEvents.of(List.of(ndjson(order("u3", "O-1", "2026-12-01T10:00:00Z"))));
        assertThat(faulty.handleRequest(first, null).getBatchItemFailures()).isEmpty();
        assertThat(ids(store.ordersOf("user#u3", 10, null))).containsExactly("O-1");

        // an outage: every write refused; the batch fails from its first unapplied record
        proxy.stubFor(any(anyUrl()).withHeader("X-Amz-Target", containing("UpdateItem")).atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("{\"__type\":\"InternalServerError\"}")));
        var batch = KinesisEvents.of(List.of(ndjson(order("u3", "O-2", "2026-12-01T11:00:00Z")),
                ndjson(order("u3", "O-3", "2026-12-01T12:00:00Z"))));
        var response = faulty.handleRequest(batch, null);
        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(batch.getRecords().get(0).getKinesis().getSequenceNumber());

        // healed: Lambda retries from that record, and nothing was lost
        proxy.resetAll();
        proxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(dynamo.endpoint().toString())));
        assertThat(faulty.handleRequest(batch, null).getBatchItemFailures()).isEmpty();
        assertThat(ids(store.ordersOf("user#u3", 10, null))).containsExactly("O-3", "O-2", "O-1");
    }

    @Test
    void aFailingOrderDoesNotHoldUpTheOthersAndTheRetryStartsAtItsFirstRecord() {
        proxy = new WireMockServer(options().dynamicPort().bindAddress(LocalAws.LOOPBACK));
        proxy.start();
        proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(dynamo.endpoint().toString())));
        proxy.stubFor(any(anyUrl()).withRequestBody(containing("O-FAIL")).atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("{\"__type\":\"InternalServerError\"}")));
        var client = LocalAws.configure(DynamoDbClient.builder(), java.net.URI.create(proxy.baseUrl()))
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
                        .build()).build();
        var faulty = new OrderHistoryHandler(new EnvConfig(Map.of("ORDERS_TABLE", table,
                "ORDER_WRITE_CONCURRENCY", "4")), client);
        var batch = KinesisEvents.of(List.of(ndjson(order("u6", "O-A", "2026-12-01T10:00:00Z")),
                ndjson(order("u6", "O-FAIL", "2026-12-01T11:00:00Z")),
                ndjson(order("u6", "O-B", "2026-12-01T12:00:00Z")),
                ndjson(Events.orderCancelled(Order.builder().orderId("O-FAIL").build()).userId("u6").build())));

        var response = faulty.handleRequest(batch, null);

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(batch.getRecords().get(1).getKinesis().getSequenceNumber());
        assertThat(ids(store.ordersOf("user#u6", 10, null))).containsExactly("O-B", "O-A");

        // Lambda's retry starts at record 1 once DynamoDB answers: the failed order is written, in its order
        proxy.resetAll();
        proxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(dynamo.endpoint().toString())));
        var retry = KinesisEvents.fromStream(List.of());
        retry.setRecords(batch.getRecords().subList(1, 4));
        assertThat(faulty.handleRequest(retry, null).getBatchItemFailures()).isEmpty();
        var orders = store.ordersOf("user#u6", 10, null).orders();
        assertThat(ids(store.ordersOf("user#u6", 10, null))).containsExactly("O-B", "O-FAIL", "O-A");
        assertThat(orders.get(1).get("status").s()).isEqualTo("CANCELLED");
        assertThat(orders.get(0).get("event_ids").ss()).hasSize(1); // O-B written once, its retry a duplicate
    }

    // ---- the independent computation: the CSV grouped by plain code, not by the parser ----

    record Expected(BigDecimal total, int lines, boolean cancelled) {
    }

    /** Customer → invoice → (total, product lines, cancelled), with the sample README's rules. */
    private static Map<String, Map<String, Expected>> independentGrouping() throws IOException {
        var rows = Files.readAllLines(SampleData.file(SampleData.ONLINE_RETAIL), StandardCharsets.UTF_8);
        var field = Pattern.compile(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)"); // commas outside quotes
        Map<String, Map<String, List<String[]>>> byCustomer = new TreeMap<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] f = field.split(row.strip(), -1);
            String invoice = f[0];
            int qty = Integer.parseInt(f[3]);
            String customer = f[6];
            var price = new BigDecimal(f[5]);
            if (qty == 0 || qty < 0 && !invoice.startsWith("C") || price.signum() < 0
                    || customer.isEmpty() && price.signum() == 0) {
                continue;
            }
            if (customer.isEmpty()) {
                customer = "guest:invoice-" + invoice; // a guest, by the anonymous id the replay gives the invoice
            }
            byCustomer.computeIfAbsent(customer, c -> new TreeMap<>())
                    .computeIfAbsent(invoice, i -> new ArrayList<>()).add(f);
        }
        Map<String, Map<String, Expected>> out = new TreeMap<>();
        byCustomer.forEach((customer, invoices) -> invoices.forEach((invoice, lines) -> {
            // the README's money rules: products, postage, fees (no merchandise) and discounts; a credit note pays
            // every line back, its discount included
            BigDecimal products = BigDecimal.ZERO, shipping = BigDecimal.ZERO, fees = BigDecimal.ZERO,
                    discount = BigDecimal.ZERO;
            int productLines = 0;
            for (String[] f : lines) {
                var amount = new BigDecimal(f[5]).multiply(BigDecimal.valueOf(Math.abs(Integer.parseInt(f[3]))));
                switch (f[1].toUpperCase(java.util.Locale.ROOT)) {
                    case "POST", "DOT", "C2" -> shipping = shipping.add(amount);
                    case "D" -> discount = discount.add(amount);
                    case "M", "BANK CHARGES", "AMAZONFEE", "CRUK", "S", "B" -> fees = fees.add(amount);
                    default -> {
                        products = products.add(amount);
                        productLines++;
                    }
                }
            }
            boolean creditNote = invoice.startsWith("C");
            var total = creditNote ? products.add(shipping).add(fees).add(discount)
                    : products.add(shipping).add(fees).subtract(discount).max(BigDecimal.ZERO);
            out.computeIfAbsent(customer, c -> new HashMap<>())
                    .put(invoice, new Expected(total, productLines, creditNote));
        }));
        return out;
    }

    // ---- helpers ----

    private static void throttle(WireMockServer proxy, String state, String next) {
        proxy.stubFor(any(anyUrl()).inScenario("throttle").whenScenarioStateIs(state).willSetStateTo(next)
                .withHeader("X-Amz-Target", containing("UpdateItem")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.0")
                        .withBody("{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                                + "ProvisionedThroughputExceededException\",\"message\":\"Rate exceeded\"}")));
    }

    private List<Map<String, AttributeValue>> allOrders(String customer) {
        var all = new ArrayList<Map<String, AttributeValue>>();
        Map<String, AttributeValue> next = null;
        do {
            var page = store.ordersOf(customer, 25, next);
            all.addAll(page.orders());
            next = page.next();
        } while (next != null);
        return all;
    }

    private static List<String> ids(OrderHistoryStore.Page page) {
        return page.orders().stream().map(o -> o.get("order_id").s()).toList();
    }

    static EcomEvent order(String user, String id, String time) {
        var b = Events.orderCompleted(Order.builder().orderId(id).total("9.90")
                .products(List.of(Product.builder("p-" + id).price("9.90").quantity(1).build())).build())
                .currency("EUR").eventTime(java.time.Instant.parse(time));
        return user == null ? b.anonymousId("anon-" + id).build() : b.userId(user).build();
    }

    private byte[] ndjson(EcomEvent... events) {
        var lines = new ArrayList<byte[]>();
        for (var e : events) {
            lines.add(codec.encode(e));
        }
        return join(lines.toArray(new byte[0][]));
    }

    private static byte[] join(byte[]... lines) {
        var out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.writeBytes(line);
            out.write('\n');
        }
        return out.toByteArray();
    }
}
