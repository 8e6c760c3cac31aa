package io.ecomlog.backend.flink;

import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.App;
import io.ecomlog.event.ClientInfo;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.Events;
import io.ecomlog.event.HttpAccess;
import io.ecomlog.event.LogRecord;
import io.ecomlog.event.Order;
import io.ecomlog.event.Product;
import io.ecomlog.record.RecordCodec;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Hand-built event-time inputs: events at exact instants with ids e-1, e-2, ... (as UUIDs whose last digits are the
 * number), written as the client writes them (one event per record, or packed and gzip).
 */
final class Scenario {

    static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final EventCodec CODEC = new EventCodec();

    private final List<EcomEvent> events = new ArrayList<>();
    private long next = 1;

    /** The UUID of the n-th event of a scenario. */
    static String id(long n) {
        return new UUID(0x0190000000007000L, 0x8000000000000000L | n).toString();
    }

    /** A product view by {@code user} from {@code ip} at T0 + {@code millis}. */
    Scenario view(String user, String ip, long millis) {
        return add(Events.productViewed(Product.builder("p-1").price("9.99").build())
                .userId(user).sessionId("s-" + user).client(new ClientInfo(ip, "test", null))
                .app(App.builder().name("shop-a").build()), millis);
    }

    /** What a user's browser does besides actions: an asset request, an application error and a log line. */
    Scenario noise(String user, String ip, long millis) {
        add(Events.httpAccess(HttpAccess.builder("GET", "/static/app.js", 200).build()).userId(user)
                .client(new ClientInfo(ip, "test", null)).property("action", "asset"), millis);
        add(Events.appError(new IllegalStateException("boom")).userId(user).client(new ClientInfo(ip, "test", null)),
                millis);
        return add(Events.log(LogRecord.builder("INFO", "served").build()).userId(user)
                .client(new ClientInfo(ip, "test", null)), millis);
    }

    /** A completed order of {@code shop} at T0 + {@code millis}. */
    Scenario order(String shop, String session, long millis, String total, String currency, String product,
                   int units) {
        var order = Order.builder().orderId("o-" + next).total(total)
                .products(List.of(Product.builder(product).price("1.00").quantity(units).build())).build();
        return add(Events.orderCompleted(order).sessionId(session).currency(currency)
                .app(App.builder().name(shop).build()), millis);
    }

    /** A page view in {@code session} of {@code shop}, without a user or IP. */
    Scenario visit(String shop, String session, long millis) {
        return add(Events.productViewed(Product.builder("p-9").build()).sessionId(session)
                .app(App.builder().name(shop).build()), millis);
    }

    /** The event added {@code back} events ago, again (same id): what an at-least-once redelivery looks like. */
    Scenario duplicateOf(int back) {
        events.add(events.get(events.size() - back));
        return this;
    }

    private Scenario add(EcomEvent.Builder builder, long millis) {
        events.add(builder.eventId(UUID.fromString(id(next++))).eventTime(T0.plusMillis(millis)).build());
        return this;
    }

    List<EcomEvent> events() {
        return List.copyOf(events);
    }

    /** One record per event. */
    List<byte[]> records() {
        return events.stream().map(CODEC::encode).toList();
    }

    /** Records of {@code perRecord} events each, NDJSON and gzip, as the client packs them. */
    List<byte[]> packed(int perRecord) {
        return pack(events, perRecord);
    }

    static List<byte[]> pack(List<EcomEvent> events, int perRecord) {
        var packer = new Packer(perRecord);
        events.forEach(packer::add);
        return packer.records();
    }

    /** Packs events as the client does: NDJSON, gzip, {@code perRecord} events a record; holds no events. */
    static final class Packer {
        private final int perRecord;
        private final List<byte[]> records = new ArrayList<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private int inBuffer;

        Packer(int perRecord) {
            this.perRecord = perRecord;
        }

        void add(EcomEvent event) {
            buffer.writeBytes(CODEC.encode(event));
            buffer.write('\n');
            if (++inBuffer == perRecord) {
                flush();
            }
        }

        /** The records, the last one possibly short. */
        List<byte[]> records() {
            if (inBuffer > 0) {
                flush();
            }
            return records;
        }

        private void flush() {
            records.add(RecordCodec.gzip(buffer.toByteArray()));
            buffer.reset();
            inBuffer = 0;
        }
    }

}
