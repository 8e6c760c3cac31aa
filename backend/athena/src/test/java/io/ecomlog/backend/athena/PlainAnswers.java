package io.ecomlog.backend.athena;

import io.ecomlog.event.AppError;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import io.ecomlog.event.HttpAccess;
import io.ecomlog.event.Order;
import io.ecomlog.event.Product;
import io.ecomlog.event.ProductAction;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What each named query must answer, computed in plain Java from the events themselves (not from the lake, not
 * with SQL): the independent side of the comparison. Each method mirrors one query's definition, as its file's
 * comment states it; rows are lists of String, Long, BigDecimal, Double and LocalDateTime (UTC).
 */
final class PlainAnswers {

    private final List<EcomEvent> events;

    PlainAnswers(List<EcomEvent> events) {
        this.events = events;
    }

    private List<EcomEvent> between(String from, String to, EventType... types) {
        var wanted = Set.of(types);
        return events.stream().filter(e -> day(e).compareTo(from) >= 0 && day(e).compareTo(to) <= 0)
                .filter(e -> wanted.isEmpty() || wanted.contains(e.eventType())).toList();
    }

    List<List<Object>> uniqueVisitorsPerDay(String from, String to) {
        var byDay = new TreeMap<String, Set<String>>();
        for (var e : between(from, to)) {
            if (person(e) != null) {
                byDay.computeIfAbsent(day(e), d -> new HashSet<>()).add(person(e));
            }
        }
        return rows(byDay, (d, people) -> List.of(d, (long) people.size()));
    }

    List<List<Object>> cartAbandonmentPerDay(String from, String to) {
        var activity = between(from, to, EventType.PRODUCT_ADDED, EventType.ORDER_COMPLETED);
        var sessions = flags(activity, EcomEvent::sessionId);
        var people = flags(activity, PlainAnswers::person);
        var out = new ArrayList<List<Object>>();
        for (var day : new java.util.TreeSet<>(people.keySet())) {
            long[] p = counts(people.get(day));
            if (p[0] == 0) {
                continue;
            }
            long[] s = counts(sessions.getOrDefault(day, Map.of()));
            out.add(List.of(day, s[0], s[1], p[0], p[1]));
        }
        return out;
    }

    /** Per day, per key: {carted, ordered}. */
    private static Map<String, Map<String, boolean[]>> flags(List<EcomEvent> activity,
                                                            Function<EcomEvent, String> key) {
        var out = new HashMap<String, Map<String, boolean[]>>();
        for (var e : activity) {
            String k = key.apply(e);
            if (k == null) {
                continue;
            }
            var f = out.computeIfAbsent(day(e), d -> new HashMap<>()).computeIfAbsent(k, x -> new boolean[2]);
            f[e.eventType() == EventType.PRODUCT_ADDED ? 0 : 1] = true;
        }
        return out;
    }

    /** {carted, carted and not ordered}. */
    private static long[] counts(Map<String, boolean[]> flags) {
        long carted = flags.values().stream().filter(f -> f[0]).count();
        long abandoned = flags.values().stream().filter(f -> f[0] && !f[1]).count();
        return new long[] {carted, abandoned};
    }

    List<List<Object>> topCategoriesPerHour(String from, String to) {
        return topCategories(from, to, e -> (long) e.eventTime().atZone(ZoneOffset.UTC).getHour());
    }

    List<List<Object>> topCategoriesPerWeekday(String from, String to) {
        return topCategories(from, to, e -> (long) DayOfWeek.from(e.eventTime().atZone(ZoneOffset.UTC)).getValue());
    }

    private List<List<Object>> topCategories(String from, String to, Function<EcomEvent, Long> bucket) {
        var counts = new TreeMap<Long, Map<String, Long>>();
        for (var e : between(from, to, EventType.PRODUCT_VIEWED, EventType.PRODUCT_ADDED)) {
            String category = product(e).category();
            if (category != null) {
                counts.computeIfAbsent(bucket.apply(e), b -> new HashMap<>()).merge(category, 1L, Long::sum);
            }
        }
        var out = new ArrayList<List<Object>>();
        counts.forEach((b, byCategory) -> {
            var ranked = byCategory.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                    .thenComparing(Map.Entry.comparingByKey())).limit(3).toList();
            for (int i = 0; i < ranked.size(); i++) {
                out.add(List.of(b, (long) i + 1, ranked.get(i).getKey(), ranked.get(i).getValue()));
            }
        });
        return out;
    }

    List<List<Object>> brandsNeedingMarketing(String from, String to) {
        var views = new TreeMap<String, Long>();
        for (var e : between(from, to, EventType.PRODUCT_VIEWED)) {
            if (product(e).brand() != null) {
                views.merge(product(e).brand(), 1L, Long::sum);
            }
        }
        var sold = new HashMap<String, Long>();
        for (var e : between(from, to, EventType.ORDER_COMPLETED)) {
            for (var p : order(e).products()) {
                if (p.brand() != null) {
                    sold.merge(p.brand(), (long) quantity(p), Long::sum);
                }
            }
        }
        var out = new ArrayList<List<Object>>();
        views.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(v -> {
                    long units = sold.getOrDefault(v.getKey(), 0L);
                    double perView = (double) units / v.getValue();
                    if (v.getValue() >= 20 && perView < 0.05) {
                        out.add(List.of(v.getKey(), v.getValue(), units, perView));
                    }
                });
        return out;
    }

    List<List<Object>> salesAndConversionByProduct(String from, String to) {
        var views = new HashMap<String, Long>();
        var carts = new HashMap<String, Long>();
        var ids = new HashSet<String>();
        for (var e : between(from, to, EventType.PRODUCT_VIEWED, EventType.PRODUCT_ADDED)) {
            String id = product(e).productId();
            ids.add(id);
            (e.eventType() == EventType.PRODUCT_VIEWED ? views : carts).merge(id, 1L, Long::sum);
        }
        var orders = new HashMap<String, Set<String>>();
        var units = new HashMap<String, Long>();
        var revenue = new HashMap<String, BigDecimal>();
        for (var e : between(from, to, EventType.ORDER_COMPLETED)) {
            for (var p : order(e).products()) {
                ids.add(p.productId());
                orders.computeIfAbsent(p.productId(), k -> new HashSet<>()).add(order(e).orderId());
                units.merge(p.productId(), (long) quantity(p), Long::sum);
                revenue.merge(p.productId(), p.price() == null ? BigDecimal.ZERO
                        : p.price().multiply(BigDecimal.valueOf(quantity(p))), BigDecimal::add);
            }
        }
        var out = new ArrayList<List<Object>>();
        for (String id : ids) {
            long v = views.getOrDefault(id, 0L);
            long o = orders.getOrDefault(id, Set.of()).size();
            out.add(Arrays.asList(id, v, carts.getOrDefault(id, 0L), o, units.getOrDefault(id, 0L),
                    revenue.getOrDefault(id, BigDecimal.ZERO), v > 0 ? (Object) ((double) o / v) : null));
        }
        out.sort(Comparator.<List<Object>, BigDecimal>comparing(r -> (BigDecimal) r.get(5)).reversed()
                .thenComparing(r -> (Long) r.get(1), Comparator.reverseOrder())
                .thenComparing(r -> (String) r.get(0)));
        return out;
    }

    List<List<Object>> revenuePerDayByCurrency(String from, String to) {
        record Key(String day, String currency) {
        }
        var sums = new TreeMap<Key, Object[]>(Comparator.comparing(Key::day)
                .thenComparing(Key::currency, Comparator.nullsLast(Comparator.naturalOrder())));
        for (var e : between(from, to, EventType.ORDER_COMPLETED, EventType.ORDER_CANCELLED)) {
            var s = sums.computeIfAbsent(new Key(day(e), e.currency()),
                    k -> new Object[] {0L, BigDecimal.ZERO, BigDecimal.ZERO});
            BigDecimal total = order(e).total() == null ? BigDecimal.ZERO : order(e).total();
            if (e.eventType() == EventType.ORDER_COMPLETED) {
                s[0] = (Long) s[0] + 1;
                s[1] = ((BigDecimal) s[1]).add(total);
            } else {
                s[2] = ((BigDecimal) s[2]).add(total);
            }
        }
        var out = new ArrayList<List<Object>>();
        sums.forEach((k, s) -> out.add(Arrays.asList(k.day(), k.currency(), s[0], s[1], s[2])));
        return out;
    }

    List<List<Object>> failedLogins(String from, String to, Instant since, Instant until) {
        record Key(String user, String ip) {
        }
        var groups = new HashMap<Key, List<Instant>>();
        for (var e : between(from, to, EventType.LOGIN_FAILED)) {
            if (!e.eventTime().isBefore(since) && e.eventTime().isBefore(until)) {
                groups.computeIfAbsent(new Key(e.userId(), e.client() == null ? null : e.client().ip()),
                        k -> new ArrayList<>()).add(e.eventTime());
            }
        }
        var out = new ArrayList<List<Object>>();
        groups.forEach((k, times) -> out.add(Arrays.asList(k.user(), k.ip(), (long) times.size(),
                utc(times.stream().min(Comparator.naturalOrder()).orElseThrow()),
                utc(times.stream().max(Comparator.naturalOrder()).orElseThrow()))));
        out.sort(Comparator.<List<Object>, Long>comparing(r -> (Long) r.get(2)).reversed()
                .thenComparing(r -> (String) r.get(0), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(r -> (String) r.get(1), Comparator.nullsLast(Comparator.naturalOrder())));
        return out;
    }

    List<List<Object>> errorRatesPerEndpointPerHour(String from, String to) {
        record Key(LocalDateTime hour, String endpoint) {
        }
        var requests = new HashMap<Key, long[]>();
        for (var e : between(from, to, EventType.HTTP_ACCESS)) {
            var http = (HttpAccess) e.payload();
            var c = requests.computeIfAbsent(new Key(hour(e), endpoint(http.path())), k -> new long[2]);
            c[0]++;
            if (http.status() != null && http.status() >= 500) {
                c[1]++;
            }
        }
        var appErrors = new HashMap<Key, Long>();
        for (var e : between(from, to, EventType.APP_ERROR)) {
            var error = (AppError) e.payload();
            if (error.endpoint() != null) {
                appErrors.merge(new Key(hour(e), endpoint(error.endpoint())), 1L, Long::sum);
            }
        }
        var keys = new HashSet<>(requests.keySet());
        keys.addAll(appErrors.keySet());
        var out = new ArrayList<List<Object>>();
        for (var k : keys) {
            long[] r = requests.getOrDefault(k, new long[2]);
            long app = appErrors.getOrDefault(k, 0L);
            if (r[1] + app > 0) {
                out.add(Arrays.asList(k.hour(), k.endpoint(), r[0], r[1], app,
                        r[0] > 0 ? (Object) ((double) r[1] / r[0]) : null));
            }
        }
        out.sort(Comparator.<List<Object>, LocalDateTime>comparing(r -> (LocalDateTime) r.get(0))
                .thenComparing(r -> (String) r.get(1), Comparator.nullsLast(Comparator.naturalOrder())));
        return out;
    }

    List<List<Object>> orderHistory(String userId, String from, String to) {
        var types = Set.of(EventType.ORDER_COMPLETED, EventType.ORDER_CANCELLED, EventType.ORDER_REFUNDED);
        return between(from, to).stream().filter(e -> types.contains(e.eventType()))
                .filter(e -> userId.equals(e.userId()))
                .sorted(Comparator.comparing(EcomEvent::eventTime).reversed().thenComparing(EcomEvent::orderId))
                .map(e -> Arrays.<Object>asList(e.orderId(), e.eventType().wireName(), utc(e.eventTime()),
                        order(e).total(), e.currency(), (long) order(e).products().size()))
                .toList();
    }

    List<List<Object>> funnel(String from, String to) {
        var steps = List.of(EventType.PRODUCT_VIEWED, EventType.PRODUCT_ADDED, EventType.CHECKOUT_STARTED,
                EventType.ORDER_COMPLETED);
        var byDay = new TreeMap<String, List<Set<String>>>();
        for (var e : between(from, to, steps.toArray(EventType[]::new))) {
            var sets = byDay.computeIfAbsent(day(e), d -> List.of(new HashSet<>(), new HashSet<>(), new HashSet<>(),
                    new HashSet<>()));
            if (person(e) != null) {
                sets.get(steps.indexOf(e.eventType())).add(person(e));
            }
        }
        return rows(byDay, (d, sets) -> List.of(d, (long) sets.get(0).size(), (long) sets.get(1).size(),
                (long) sets.get(2).size(), (long) sets.get(3).size()));
    }

    /** The customer with the most order events (ties: the smallest id), to ask for a history. */
    String busiestCustomer() {
        var counts = events.stream().filter(e -> e.eventType() == EventType.ORDER_COMPLETED
                        || e.eventType() == EventType.ORDER_CANCELLED).map(EcomEvent::userId).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(u -> u, TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).orElseThrow().getKey();
    }

    private static <V> List<List<Object>> rows(Map<String, V> byDay,
                                               java.util.function.BiFunction<String, V, List<Object>> row) {
        var out = new ArrayList<List<Object>>();
        byDay.forEach((d, v) -> out.add(row.apply(d, v)));
        return out;
    }

    private static String day(EcomEvent e) {
        return e.eventTime().atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static LocalDateTime hour(EcomEvent e) {
        return utc(e.eventTime().truncatedTo(ChronoUnit.HOURS));
    }

    static LocalDateTime utc(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static String endpoint(String path) {
        if (path == null) {
            return null;
        }
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    private static String person(EcomEvent e) {
        return e.userId() != null ? e.userId() : e.anonymousId();
    }

    private static Product product(EcomEvent e) {
        return ((ProductAction) e.payload()).product();
    }

    private static Order order(EcomEvent e) {
        return (Order) e.payload();
    }

    private static int quantity(Product p) {
        return p.quantity() == null ? 0 : p.quantity();
    }

}
