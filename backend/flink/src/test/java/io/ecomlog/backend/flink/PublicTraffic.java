package io.ecomlog.backend.flink;

import io.ecomlog.backend.flink.input.ShopEvent;
import io.ecomlog.backend.flink.input.ShopEvents;
import io.ecomlog.event.App;
import io.ecomlog.event.ClientInfo;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.Events;
import io.ecomlog.event.Order;
import io.ecomlog.event.Product;
import io.ecomlog.publicdata.ApacheAccessLogParser;
import io.ecomlog.publicdata.OnlineRetailParser;
import io.ecomlog.publicdata.Rees46Parser;
import io.ecomlog.testing.SampleData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The public samples (REES46 behaviour, Online Retail orders, the Apache access log) as the demo's parsers turn them
 * into events, with injected anomalies (a bot user, an IP flood, an order burst of one shop), in event-time order;
 * and an independent plain-Java computation of what the default rules should find in them.
 */
final class PublicTraffic {

    static final String BOT_USER = "injected-bot";
    static final String BOT_IP = "198.51.100.9";
    static final String FLOOD_IP = "203.0.113.7";
    static final String BURST_SHOP = "injected-burst-shop";

    private PublicTraffic() {
    }

    /** Every event of the three samples plus the injected ones, sorted by event time. */
    static List<EcomEvent> withAnomalies() {
        try {
            var rees = new Rees46Parser().parse(SampleData.file(SampleData.REES46)).events();
            var retail = new OnlineRetailParser().parse(SampleData.file(SampleData.ONLINE_RETAIL)).events();
            var apache = new ApacheAccessLogParser().parse(SampleData.file(SampleData.APACHE)).events();
            var all = new ArrayList<EcomEvent>();
            all.addAll(rees);
            all.addAll(retail);
            all.addAll(apache);
            all.addAll(injected(middle(rees), middle(apache), middle(retail)));
            all.sort(Comparator.comparing(EcomEvent::eventTime));
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 30 views in 5 s by one user from one IP; 50 requests in 3 s from one IP by 50 users; 15 orders in 5 s. */
    private static List<EcomEvent> injected(Instant inBehaviour, Instant inAccessLog, Instant inOrders) {
        var events = new ArrayList<EcomEvent>();
        for (int i = 0; i < 30; i++) {
            events.add(Events.productViewed(Product.builder("p-" + i).build()).userId(BOT_USER)
                    .client(new ClientInfo(BOT_IP, "python-requests/2.31", null))
                    .eventTime(inBehaviour.plusMillis(i * 166L)).build());
        }
        for (int i = 0; i < 50; i++) {
            events.add(Events.productViewed(Product.builder("p-1").build()).userId("flood-" + i)
                    .client(new ClientInfo(FLOOD_IP, "curl/8.0", null))
                    .eventTime(inAccessLog.plusMillis(i * 60L)).build());
        }
        for (int i = 0; i < 15; i++) {
            var order = Order.builder().orderId("burst-" + i).total("19.99")
                    .products(List.of(Product.builder("p-7").price("19.99").quantity(1).build())).build();
            events.add(Events.orderCompleted(order).sessionId("burst-" + i).currency("GBP")
                    .app(App.builder().name(BURST_SHOP).build()).eventTime(inOrders.plusMillis(i * 333L)).build());
        }
        return events;
    }

    private static Instant middle(List<EcomEvent> events) {
        return events.stream().map(EcomEvent::eventTime).sorted().toList().get(events.size() / 2);
    }

    /** The injected anomalies as "kind key". */
    static Set<String> injectedFindings() {
        return new TreeSet<>(List.of("bot_user " + BOT_USER, "bot_ip " + BOT_IP, "bot_ip " + FLOOD_IP,
                "order_surge " + BURST_SHOP, "order_surge " + AnalyticsGraph.SITE));
    }

    /**
     * What the default rules should find, computed here without Flink: more than 10 actions per user or IP in a
     * 10 s tumbling window; 10 or more orders per shop or site in any 10 s window starting on a whole second;
     * conversion under 10 % in an hour of 100 sessions or more; a minute's revenue under half the average of 15
     * preceding minutes that all had revenue. As "kind key".
     */
    static Set<String> expectedFindings(List<EcomEvent> events) {
        var found = new TreeSet<String>();
        var seen = new HashSet<UUID>();
        var unique = events.stream().filter(e -> seen.add(e.eventId())).map(ShopEvents::of).toList();
        countPerWindow(unique.stream().filter(e -> e.action() && e.user() != null).toList(), true)
                .forEach(u -> found.add("bot_user " + u));
        countPerWindow(unique.stream().filter(e -> e.action() && e.clientIp() != null).toList(), false)
                .forEach(ip -> found.add("bot_ip " + ip));
        var orders = unique.stream().filter(ShopEvent::isOrder).toList();
        var byShop = new HashMap<String, List<Long>>();
        for (var o : orders) {
            byShop.computeIfAbsent(o.shop(), k -> new ArrayList<>()).add(o.eventTime());
            byShop.computeIfAbsent(AnalyticsGraph.SITE, k -> new ArrayList<>()).add(o.eventTime());
        }
        byShop.forEach((shop, times) -> {
            for (long t : times) {
                long start = Math.floorDiv(t, 1000) * 1000;
                for (long k = start - 9000; k <= start; k += 1000) {
                    long from = k;
                    if (times.stream().filter(x -> x >= from && x < from + 10_000).count() >= 10) {
                        found.add("order_surge " + shop);
                    }
                }
            }
        });
        conversion(unique, found);
        revenue(orders, found);
        return found;
    }

    private static Set<String> countPerWindow(List<ShopEvent> actions, boolean byUser) {
        var counts = new HashMap<String, Integer>();
        for (var e : actions) {
            counts.merge((byUser ? e.user() : e.clientIp()) + "@" + Math.floorDiv(e.eventTime(), 10_000), 1,
                    Integer::sum);
        }
        var keys = new TreeSet<String>();
        counts.forEach((k, n) -> {
            if (n > 10) {
                keys.add(k.substring(0, k.lastIndexOf('@')));
            }
        });
        return keys;
    }

    private static void conversion(List<ShopEvent> events, Set<String> found) {
        var sessions = new HashMap<String, Set<String>>();
        var ordered = new HashMap<String, Set<String>>();
        for (var e : events) {
            if (e.session() == null) {
                continue;
            }
            String hour = e.shop() + "@" + Math.floorDiv(e.eventTime(), 3_600_000);
            sessions.computeIfAbsent(hour, k -> new HashSet<>()).add(e.session());
            if (e.isOrder()) {
                ordered.computeIfAbsent(hour, k -> new HashSet<>()).add(e.session());
            }
        }
        sessions.forEach((hour, s) -> {
            int withOrder = ordered.getOrDefault(hour, Set.of()).size();
            if (s.size() >= 100 && withOrder * 10 < s.size()) {
                found.add("conversion_drop " + hour.substring(0, hour.lastIndexOf('@')));
            }
        });
    }

    private static void revenue(List<ShopEvent> orders, Set<String> found) {
        var perMinute = new LinkedHashMap<String, TreeMap<Long, BigDecimal>>();
        for (var o : orders) {
            if (o.amount() != null) {
                perMinute.computeIfAbsent(o.shop() + "/" + (o.currency() == null ? "XXX" : o.currency()),
                        k -> new TreeMap<>()).merge(Math.floorDiv(o.eventTime(), 60_000), o.amount(), BigDecimal::add);
            }
        }
        perMinute.forEach((series, minutes) -> {
            for (long m = minutes.firstKey() + 15; m <= minutes.lastKey(); m++) {
                var history = new ArrayList<BigDecimal>();
                for (long h = m - 15; h < m; h++) {
                    history.add(minutes.getOrDefault(h, BigDecimal.ZERO));
                }
                if (history.stream().allMatch(a -> a.signum() > 0)) {
                    var average = history.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                            .divide(BigDecimal.valueOf(15), 2, RoundingMode.HALF_UP);
                    if (minutes.getOrDefault(m, BigDecimal.ZERO).compareTo(average.multiply(new BigDecimal("0.5"))) < 0) {
                        found.add("revenue_drop " + series);
                    }
                }
            }
        });
    }
}
