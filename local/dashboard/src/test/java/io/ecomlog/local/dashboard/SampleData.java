package io.ecomlog.local.dashboard;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A small shop's figures for the dashboard's tests, changed between polls like a running simulator would: {@link
 * #addMinute} and {@link #raiseAlert}; {@link #failOn} makes one method throw, as a broken source would.
 */
class SampleData implements DashboardData {

    static final Instant START = Instant.parse("2026-12-02T20:00:00Z");
    static final int PAGE_SIZE = 5;

    private final List<SalesMinute> minutes = new ArrayList<>();
    private final List<AlertRow> alerts = new ArrayList<>(); // oldest first
    private final Map<String, List<OrderRow>> ordersByCustomer = new LinkedHashMap<>(); // newest first
    private final Map<String, List<Recommendation>> recommendations = new LinkedHashMap<>();
    private final Set<String> failing = new HashSet<>();
    private long eventsSent = 12_840;
    private long eventsArrived = 12_831;
    private String phase = "peak";
    private Funnel funnel = new Funnel(9_600, 1_480, 212);
    private final List<CategoryCount> categories = new ArrayList<>(List.of(
            new CategoryCount("electronics/smartphone", 3_120, 61),
            new CategoryCount("appliances/kitchen/refrigerators", 1_870, 24),
            new CategoryCount("computers/notebook", 1_460, 19),
            new CategoryCount("apparel/shoes", 1_210, 33),
            new CategoryCount("electronics/audio/headphone", 980, 28),
            new CategoryCount("furniture/living_room/sofa", 640, 7),
            new CategoryCount("sport/bicycle", 410, 5),
            new CategoryCount("kids/toys", 390, 12),
            new CategoryCount("construction/tools/drill", 220, 3),
            new CategoryCount("accessories/bag", 140, 2)));

    SampleData() {
        long[] orders = {14, 18, 21, 17, 25, 31, 28, 22, 26, 30};
        String[] revenue = {"1840.50", "2310.00", "2795.25", "2104.90", "3380.10", "4122.75", "3650.00", "2890.40",
                "3410.65", "3975.20"};
        for (int i = 0; i < orders.length; i++) {
            minutes.add(new SalesMinute(START.plus(Duration.ofMinutes(i)), orders[i], new BigDecimal(revenue[i]),
                    "EUR"));
        }
        alerts.add(new AlertRow("A-1", "payment_failures", "psp:adyen", START.plusSeconds(150),
                "12 failed payments in 60 s (threshold 10)", "flink"));
        alerts.add(new AlertRow("A-2", "login_failures", "ip:203.0.113.7", START.plusSeconds(320),
                "31 failed logins in 60 s from one address", "flink"));
        alerts.add(new AlertRow("A-3", "error_rate", "service:checkout", START.plusSeconds(505),
                "5xx share 7.5 % over 2 min", "alerter"));

        ordersByCustomer.put("C-1001", orders("C-1001", 7));
        ordersByCustomer.put("C-1002", orders("C-1002", 2));
        ordersByCustomer.put("C-1003", orders("C-1003", 1));

        recommendations.put("U-501", List.of(
                new Recommendation("P-1004", 0.962, "electronics/smartphone", "samsung"),
                new Recommendation("P-2210", 0.874, "electronics/audio/headphone", "sony"),
                new Recommendation("P-3107", 0.811, "computers/notebook", "lenovo"),
                new Recommendation("P-0420", 0.655, "apparel/shoes", "nike")));
        recommendations.put("U-502", List.of(
                new Recommendation("P-5001", 0.913, "appliances/kitchen/refrigerators", "lg"),
                new Recommendation("P-5002", 0.702, "furniture/living_room/sofa", null),
                new Recommendation("P-5003", 0.518, "kids/toys", "lego")));
    }

    /** Orders newest first: O-<customer>-<n>, n counting down from {@code count}. */
    private static List<OrderRow> orders(String customer, int count) {
        List<OrderRow> rows = new ArrayList<>();
        for (int n = count; n >= 1; n--) {
            rows.add(new OrderRow("O-" + customer.substring(2) + "-" + n, START.minus(Duration.ofDays(count - n))
                    .plusSeconds(60L * n), n == count ? "PLACED" : "DELIVERED",
                    new BigDecimal("19.90").multiply(BigDecimal.valueOf(n)), "EUR", 1 + n % 3));
        }
        return rows;
    }

    // --- changes, as the simulator makes them -------------------------------------------------------------------

    synchronized SalesMinute addMinute(long orders, String revenue) {
        Instant next = minutes.get(minutes.size() - 1).minute().plus(Duration.ofMinutes(1));
        SalesMinute minute = new SalesMinute(next, orders, new BigDecimal(revenue), "EUR");
        minutes.add(minute);
        eventsSent += 1_000;
        eventsArrived += 1_000;
        funnel = new Funnel(funnel.views() + 800, funnel.carts() + 120, funnel.purchases() + orders);
        return minute;
    }

    synchronized AlertRow raiseAlert(String kind, String key, String summary) {
        AlertRow alert = new AlertRow("A-" + (alerts.size() + 1), kind, key,
                START.plusSeconds(600L + alerts.size()), summary, "flink");
        alerts.add(alert);
        return alert;
    }

    synchronized void phase(String phase) {
        this.phase = phase;
    }

    synchronized void addCategory(CategoryCount category) {
        categories.add(0, category);
    }

    /** From now on these methods throw (none: all answer again). */
    synchronized void failOn(String... methods) {
        failing.clear();
        failing.addAll(List.of(methods));
    }

    private void check(String method) {
        if (failing.contains(method)) {
            throw new IllegalStateException("simulated outage of " + method);
        }
    }

    // --- DashboardData --------------------------------------------------------------------------------------------

    @Override
    public synchronized Overview overview() {
        check("overview");
        return new Overview(eventsSent, eventsArrived, eventsSent - eventsArrived, totalOrders(), alerts.size(), phase,
                minutes.get(minutes.size() - 1).minute().plusSeconds(59));
    }

    synchronized long totalOrders() {
        return minutes.stream().mapToLong(SalesMinute::orders).sum();
    }

    @Override
    public synchronized List<SalesMinute> salesPerMinute() {
        check("salesPerMinute");
        return List.copyOf(minutes);
    }

    @Override
    public synchronized Funnel funnel() {
        check("funnel");
        return funnel;
    }

    @Override
    public synchronized List<CategoryCount> topCategories(int limit) {
        check("topCategories");
        return List.copyOf(categories.subList(0, Math.min(limit, categories.size())));
    }

    @Override
    public synchronized List<AlertRow> alerts(int limit) {
        check("alerts");
        List<AlertRow> newestFirst = new ArrayList<>(alerts);
        Collections.reverse(newestFirst);
        return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
    }

    /** Page tokens are the offset of the page's first row. */
    @Override
    public synchronized OrderPage orders(String customerId, String pageToken) {
        check("orders");
        List<OrderRow> all = ordersByCustomer.getOrDefault(customerId, List.of());
        int from = pageToken == null ? 0 : Integer.parseInt(pageToken);
        int to = Math.min(from + PAGE_SIZE, all.size());
        return new OrderPage(customerId, List.copyOf(all.subList(Math.min(from, to), to)),
                to < all.size() ? String.valueOf(to) : null);
    }

    synchronized List<OrderRow> allOrders(String customerId) {
        return ordersByCustomer.get(customerId);
    }

    @Override
    public synchronized List<String> sampleCustomers(int limit) {
        check("sampleCustomers");
        return ordersByCustomer.keySet().stream().limit(limit).toList();
    }

    @Override
    public synchronized List<Recommendation> recommendations(String userId) {
        check("recommendations");
        return recommendations.getOrDefault(userId, List.of());
    }

    @Override
    public synchronized List<String> sampleUsers(int limit) {
        check("sampleUsers");
        return recommendations.keySet().stream().limit(limit).toList();
    }

    // --- log search: a shop's minute, with a hostile log line -------------------------------------------------------

    /** The log line whose message is markup, to be shown as text. */
    static final String HOSTILE_MESSAGE = "<img src=x onerror=\"document.body.dataset.injected='yes'\"> <b>bold</b>";

    private static final Instant SEARCH_T0 = Instant.parse("2026-12-02T20:00:00Z");

    private static final List<LogHit> LOG_HITS = List.of(
            new LogHit("e-4", SEARCH_T0.plusSeconds(90), "log", HOSTILE_MESSAGE, null, null, "U-501", "s-1", "r-2",
                    "ERROR", null),
            new LogHit("e-3", SEARCH_T0.plusSeconds(75), "order_completed", "order_completed O-9", null, null,
                    "U-501", "s-1", null, null, "O-9"),
            new LogHit("e-2", SEARCH_T0.plusSeconds(62), "http_access", "POST /checkout 502", 502, "/checkout",
                    "U-501", "s-1", "r-2", null, null),
            new LogHit("e-1", SEARCH_T0.plusSeconds(3), "http_access", "GET /product/p-7 200", 200, "/product/p-7",
                    "U-501", "s-1", "r-1", null, null));

    /** The log searches asked, in order. */
    final List<LogQuery> logQueries = Collections.synchronizedList(new ArrayList<>());

    @Override
    public LogPage searchLogs(LogQuery query) {
        logQueries.add(query);
        var hits = LOG_HITS.stream().filter(h -> query.eventType() == null || query.eventType().equals(h.eventType()))
                .toList();
        var buckets = new ArrayList<LogBucket>();
        for (int minute = 0; minute < 2; minute++) {
            Instant start = SEARCH_T0.plusSeconds(60L * minute);
            var inMinute = hits.stream().filter(h -> !h.time().isBefore(start) && h.time().isBefore(start
                    .plusSeconds(60))).toList();
            var byStatus = new TreeMap<String, Long>();
            inMinute.stream().filter(h -> h.status() != null)
                    .forEach(h -> byStatus.merge(Integer.toString(h.status()), 1L, Long::sum));
            buckets.add(new LogBucket(start, inMinute.size(), byStatus));
        }
        return new LogPage(hits.size(), hits, 60, buckets);
    }

    @Override
    public LogSession session(String sessionId) {
        return new LogSession(sessionId, List.of(LOG_HITS.get(1), LOG_HITS.get(0)), List.of(LOG_HITS.get(3),
                LOG_HITS.get(2)), List.of(), LOG_HITS.get(1));
    }
}
