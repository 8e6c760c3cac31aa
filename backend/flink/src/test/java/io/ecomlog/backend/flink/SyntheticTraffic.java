package io.ecomlog.backend.flink;

import io.ecomlog.event.App;
import io.ecomlog.event.ClientInfo;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.Events;
import io.ecomlog.event.Order;
import io.ecomlog.event.Product;
import io.ecomlog.record.RecordCodec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Shop traffic for the benchmark, made and packed as the client packs it (NDJSON, gzip, {@code perRecord} events a
 * record) without keeping the events: 1,000 events a second of event time from 2,000 concurrent shoppers over four
 * shops (each shopper acts every 2 s for 30 actions, then the next cohort comes), an order every 40th event, and a
 * bot (30 actions in 1.5 s) every 100,000 events. Also counts what the seeds' job would write downstream: one count
 * record per user and 10 s window.
 */
final class SyntheticTraffic {

    static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");
    private static final int SHOPPERS = 2000;
    private static final int ACTIONS_PER_SHOPPER = 30;

    final List<byte[]> records = new ArrayList<>();
    long events;
    long bots;
    private final Set<String> userWindows = new HashSet<>();

    static SyntheticTraffic generate(int count, int perRecord) {
        var traffic = new SyntheticTraffic();
        var packer = new Scenario.Packer(perRecord);
        for (int i = 0; i < count; i++) {
            List<EcomEvent> batch = i > 0 && i % 100_000 == 0 ? traffic.bot(i) : List.of(traffic.shopper(i));
            for (EcomEvent e : batch) {
                traffic.events++;
                traffic.userWindows.add(e.userId() + "@" + e.eventTime().toEpochMilli() / 10_000);
                packer.add(e);
            }
        }
        traffic.records.addAll(packer.records());
        if (traffic.records.size() % 2 == 1) {
            traffic.records.add(RecordCodec.gzip(new byte[0])); // an even count: two equal source splits
        }
        return traffic;
    }

    /** Records the seeds' approach writes downstream for these events: one per user with actions in a window. */
    long seedsCountRecords() {
        return userWindows.size();
    }

    private EcomEvent shopper(int i) {
        int cohort = i / (SHOPPERS * ACTIONS_PER_SHOPPER);
        int user = cohort * SHOPPERS + i % SHOPPERS;
        var product = Product.builder("p-" + (i * 7919 % 5000)).price("19.99").quantity(1 + i % 3).build();
        EcomEvent.Builder b = i % 40 == 0
                ? Events.orderCompleted(Order.builder().orderId("o-" + i).total("59.97").products(List.of(product))
                        .build()).currency(i % 80 == 0 ? "GBP" : "EUR")
                : i % 7 == 0 ? Events.productAdded(product) : Events.productViewed(product);
        return b.eventId(new UUID(0x0190000000007000L, 0x8000000000000000L | i)).eventTime(T0.plusMillis(i))
                .userId("u-" + user).sessionId("s-" + user)
                .client(new ClientInfo("10." + (user >> 16 & 255) + "." + (user >> 8 & 255) + "." + (user & 255),
                        "Mozilla/5.0", null))
                .app(App.builder().name("shop-" + user % 4).build()).build();
    }

    private List<EcomEvent> bot(int i) {
        bots++;
        var events = new ArrayList<EcomEvent>();
        for (int k = 0; k < 30; k++) {
            events.add(Events.productViewed(Product.builder("p-" + k).build())
                    .eventId(new UUID(0x0190000000007001L, 0x8000000000000000L | (long) i << 8 | k))
                    .eventTime(T0.plusMillis(i + k * 50L)).userId("bot-" + i)
                    .client(new ClientInfo("203.0.113." + (bots % 250), "python-requests", null))
                    .app(App.builder().name("shop-0").build()).build());
        }
        return events;
    }
}
