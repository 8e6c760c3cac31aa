package io.ecomlog.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.alert.Alert;
import io.ecomlog.backend.athena.DuckDbLake;
import io.ecomlog.backend.athena.NamedQuery;
import io.ecomlog.backend.lambda.orders.OrderHistoryApi;
import io.ecomlog.backend.order.OrderHistoryStore;
import io.ecomlog.deployment.EnvConfig;
import io.ecomlog.deployment.FunctionEnvironments.OrderApi;
import io.ecomlog.deployment.Tables;
import io.ecomlog.kpi.KpiCodec;
import io.ecomlog.kpi.SalesKpi;
import io.ecomlog.local.dashboard.DashboardData;
import io.ecomlog.record.RecordCodec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The dashboard's figures, read from the same stores and SQL as the reports: sales per minute from the Flink jobs'
 * KPI records, the funnel and top categories from the named queries on DuckDB (over a curation of the raw lake
 * refreshed every few seconds while the traffic runs, then over the Spark ETL's tables), alerts from the alerter's
 * messages, orders through the order-history API function, recommendations from the recommendations table.
 */
final class LocalDashboardData implements DashboardData {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SQL_REFRESH_MILLIS = 8_000;

    private final LocalBackend backend;
    private final OrderHistoryApi orderApi;
    private final KpiCodec kpis = new KpiCodec();
    private final Map<Path, Long> linesPerObject = new HashMap<>();
    private final Map<Path, List<SalesKpi>> kpisPerFile = new HashMap<>();
    private final AtomicReference<Sql> sql = new AtomicReference<>(new Sql(new Funnel(0, 0, 0), List.of()));
    private volatile LongSupplier sent = () -> 0;
    private volatile String phase = "starting";
    private volatile DemoReport report;
    /** Category and brand of each product, read once from the curated tables when the run is over. */
    private volatile Map<String, String[]> productDetails = Map.of();
    private long sqlRefreshedAt;
    private int liveCurations;

    private record Sql(Funnel funnel, List<CategoryCount> categories) {
    }

    LocalDashboardData(LocalBackend backend) {
        this.backend = backend;
        this.orderApi = new OrderHistoryApi(new EnvConfig(Map.of(OrderApi.ORDERS_TABLE.name(), backend.ordersTable())),
                backend.dynamo());
    }

    void simulating(LongSupplier sentSoFar) {
        this.sent = sentSoFar;
        this.phase = "simulating";
    }

    void finishing() {
        this.phase = "finishing: final Flink pass, Spark ETL and ALS";
    }

    /** The run is over: figures from the final stores (the curated tables of the Spark ETL). */
    void done(DemoReport report) {
        this.report = report;
        this.productDetails = readProductDetails(backend.curated());
        this.phase = "done";
        refreshSql(backend.curated());
    }

    @Override
    public Overview overview() {
        var r = report;
        long orders = backend.dynamo().scan(b -> b.tableName(backend.ordersTable())
                .select(Select.COUNT)).count();
        if (r != null) {
            return new Overview(r.sent().sent(), r.arrived(), r.lost(), orders, backend.alerts().size(), phase,
                    Instant.now());
        }
        return new Overview(sent.getAsLong(), arrived(), 0, orders, backend.alerts().size(), phase, Instant.now());
    }

    /** Events in the lake so far (each object counted once: objects never change). */
    private synchronized long arrived() {
        for (Path object : files(backend.lake(), p -> p.toString().endsWith(".ndjson.gz"))) {
            linesPerObject.computeIfAbsent(object, p -> {
                try {
                    return (long) RecordCodec.lines(Files.readAllBytes(p)).size();
                } catch (IOException | RuntimeException e) {
                    return 0L;
                }
            });
        }
        return linesPerObject.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public synchronized List<SalesMinute> salesPerMinute() {
        for (Path file : files(backend.work().resolve("analytics"), p -> !p.getFileName().toString().startsWith("."))) {
            kpisPerFile.computeIfAbsent(file, this::readKpis);
        }
        // the live and the final run report the same minutes: the final run's record of a shop and minute wins (the
        // live run may have fired a minute before all of its objects were read, counting the rest as late)
        var latest = new LinkedHashMap<String, SalesKpi>();
        kpisPerFile.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<Path, List<SalesKpi>> e) -> isFinal(e.getKey()))
                        .thenComparing(e -> e.getKey().toString()))
                .forEach(e -> e.getValue().forEach(k -> latest.put(k.shop() + "@" + k.windowStart(), k)));
        var perMinute = new TreeMap<Instant, long[]>();
        var revenue = new TreeMap<Instant, Map<String, BigDecimal>>();
        for (SalesKpi k : latest.values()) {
            perMinute.computeIfAbsent(k.windowStart(), m -> new long[1])[0] += k.orders();
            k.revenueByCurrency().forEach((currency, amount) -> revenue.computeIfAbsent(k.windowStart(),
                    m -> new TreeMap<>()).merge(currency, amount, BigDecimal::add));
        }
        String currency = mainCurrency(revenue);
        var out = new ArrayList<SalesMinute>();
        perMinute.forEach((minute, orders) -> out.add(new SalesMinute(minute, orders[0],
                revenue.getOrDefault(minute, Map.of()).getOrDefault(currency, BigDecimal.ZERO), currency)));
        return out;
    }

    private boolean isFinal(Path file) {
        return file.startsWith(backend.work().resolve("analytics").resolve(FlinkAnalytics.FINAL));
    }

    private static String mainCurrency(Map<Instant, Map<String, BigDecimal>> revenue) {
        var totals = new HashMap<String, BigDecimal>();
        revenue.values().forEach(m -> m.forEach((c, a) -> totals.merge(c, a, BigDecimal::add)));
        return totals.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("USD");
    }

    private List<SalesKpi> readKpis(Path file) {
        var out = new ArrayList<SalesKpi>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.contains("\"record_type\":\"" + SalesKpi.RECORD_TYPE + "\"")) {
                    out.add(kpis.decode(line.getBytes(StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException | RuntimeException e) {
            // a file being committed: read again at the next poll
            return null;
        }
        return out;
    }

    @Override
    public Funnel funnel() {
        refreshLiveSql();
        return sql.get().funnel();
    }

    @Override
    public List<CategoryCount> topCategories(int limit) {
        refreshLiveSql();
        return sql.get().categories().stream().limit(limit).toList();
    }

    /** While the traffic runs: curate the raw lake with DuckDB every few seconds and query that. */
    private synchronized void refreshLiveSql() {
        if (report != null || System.currentTimeMillis() - sqlRefreshedAt < SQL_REFRESH_MILLIS) {
            return;
        }
        sqlRefreshedAt = System.currentTimeMillis();
        var objects = files(backend.lake(), p -> p.toString().endsWith(".ndjson.gz"));
        if (objects.isEmpty()) {
            return;
        }
        Path root = backend.work().resolve("live-curated").resolve(Integer.toString(++liveCurations));
        try (var lake = DuckDbLake.inMemory()) {
            lake.curate(objects, root);
        } catch (Exception e) {
            return; // an object being written: next time
        }
        refreshSql(root);
    }

    private void refreshSql(Path curatedRoot) {
        try (var lake = DuckDbLake.open(curatedRoot)) {
            var span = NamedReports.daysOf(curatedRoot);
            var first = span[0];
            var last = span[1];
            long views = 0, carts = 0, purchases = 0;
            var funnelQuery = NamedQuery.load("funnel");
            for (var row : lake.run(funnelQuery, NamedReports.parameters(funnelQuery,
                    lake.parameterCount(funnelQuery), first, last, null))) {
                views += ((Number) row.get(1)).longValue();
                carts += ((Number) row.get(2)).longValue();
                purchases += ((Number) row.get(4)).longValue();
            }
            var byCategory = new TreeMap<String, Long>();
            var categoryQuery = NamedQuery.load("top_categories_per_hour");
            for (var row : lake.run(categoryQuery, NamedReports.parameters(categoryQuery,
                    lake.parameterCount(categoryQuery), first, last, null))) {
                if (row.get(2) != null) {
                    byCategory.merge(row.get(2).toString(), ((Number) row.get(3)).longValue(), Long::sum);
                }
            }
            var ordered = orderedPerCategory(lake, first, last);
            var categories = byCategory.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> new CategoryCount(e.getKey(), e.getValue(), ordered.getOrDefault(e.getKey(), 0L)))
                    .toList();
            sql.set(new Sql(new Funnel(views, carts, purchases), categories));
        } catch (Exception e) {
            // keep the last figures
        }
    }

    /**
     * Orders per category: the one figure no named query gives (they rank categories by views and cart adds), read
     * from the same curated {@code order_items} table.
     */
    private static Map<String, Long> orderedPerCategory(DuckDbLake lake, LocalDate first, LocalDate last)
            throws SQLException {
        var out = new HashMap<String, Long>();
        try (var st = lake.connection().prepareStatement("SELECT category, count(DISTINCT order_id) FROM order_items"
                + " WHERE event_date BETWEEN ? AND ? AND event_type = 'order_completed' AND category IS NOT NULL"
                + " GROUP BY category")) {
            st.setString(1, first.toString());
            st.setString(2, last.toString());
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    @Override
    public List<AlertRow> alerts(int limit) {
        var all = new ArrayList<>(backend.alerts());
        Collections.reverse(all);
        return all.stream().limit(limit).map(LocalDashboardData::row).toList();
    }

    private static AlertRow row(Alert a) {
        String source = switch (a.kind()) {
            case Alert.Kinds.BOT_USER, Alert.Kinds.BOT_IP, Alert.Kinds.ORDER_SURGE, Alert.Kinds.CONVERSION_DROP,
                 Alert.Kinds.REVENUE_DROP -> "flink";
            default -> "alerter";
        };
        return new AlertRow(a.alertId(), a.kind(), a.keyType() + " " + a.key(), a.windowEnd(),
                a.message() == null ? a.count() + " in the window" : a.message(), source);
    }

    @Override
    public OrderPage orders(String customerId, String pageToken) {
        var request = new APIGatewayProxyRequestEvent().withHttpMethod("GET")
                .withPathParameters(Map.of("id", customerId))
                .withQueryStringParameters(pageToken == null ? Map.of("limit", "10")
                        : Map.of("limit", "10", "next", pageToken));
        var response = orderApi.handleRequest(request, null);
        try {
            JsonNode body = JSON.readTree(response.getBody());
            if (response.getStatusCode() == 404) {
                return new OrderPage(customerId, List.of(), null);
            }
            if (response.getStatusCode() != 200) {
                // the API's own answer (a refused id, an outage) reaches the user as it is
                throw new Refused(response.getStatusCode(), body.path("message").asText("order history answered "
                        + response.getStatusCode()));
            }
            var rows = new ArrayList<OrderRow>();
            for (JsonNode o : body.path("orders")) {
                rows.add(new OrderRow(o.path("order_id").asText(), Instant.parse(o.path("placed_at").asText()),
                        o.path("status").asText(), o.hasNonNull("total") ? new BigDecimal(o.get("total").asText())
                        : null, o.path("currency").asText(null), o.path("line_count").asInt()));
            }
            return new OrderPage(customerId, rows, body.hasNonNull("next") ? body.get("next").asText() : null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<String> sampleCustomers(int limit) {
        var out = new ArrayList<String>();
        for (var item : backend.dynamo().scanPaginator(b -> b.tableName(backend.ordersTable()).limit(100)).items()) {
            // customers and guests, by the id the order-history API takes
            String id = OrderHistoryStore.customerId(item.get(OrderHistoryStore.CUSTOMER).s());
            if (!out.contains(id)) {
                out.add(id);
            }
            if (out.size() >= limit) {
                break;
            }
        }
        return out;
    }

    @Override
    public List<Recommendation> recommendations(String userId) {
        var item = backend.dynamo().getItem(b -> b.tableName(backend.recommendationsTable())
                .key(Map.of(Tables.RECOMMENDATIONS.partitionKey(), AttributeValue.fromS("user#" + userId)))).item();
        if (item == null || item.isEmpty()) {
            return List.of();
        }
        var products = productDetails;
        var out = new ArrayList<Recommendation>();
        for (var entry : item.get("items").l()) {
            String product = entry.m().get("product_id").s();
            String[] details = products.getOrDefault(product, new String[2]);
            out.add(new Recommendation(product, Double.parseDouble(entry.m().get("score").n()), details[0],
                    details[1]));
        }
        return out;
    }

    private static Map<String, String[]> readProductDetails(Path curated) {
        var out = new HashMap<String, String[]>();
        try (var lake = DuckDbLake.open(curated);
             var st = lake.connection().createStatement();
             var rs = st.executeQuery("SELECT product_id, any_value(category), any_value(brand) FROM order_items"
                     + " GROUP BY product_id")) {
            while (rs.next()) {
                out.put(rs.getString(1), new String[]{rs.getString(2), rs.getString(3)});
            }
        } catch (Exception e) {
            // details are optional
        }
        return out;
    }

    @Override
    public List<String> sampleUsers(int limit) {
        var out = new ArrayList<String>();
        for (var item : backend.dynamo().scanPaginator(b -> b.tableName(backend.recommendationsTable())).items()) {
            String pk = item.get(Tables.RECOMMENDATIONS.partitionKey()).s();
            if (pk.startsWith("user#")) {
                out.add(pk.substring(5));
            }
            if (out.size() >= limit) {
                break;
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static List<Path> files(Path folder, Predicate<Path> accept) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile).filter(accept).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }


    @Override
    public LogPage searchLogs(LogQuery query) {
        var search = backend.search();
        return search == null ? DashboardData.super.searchLogs(query) : LogSearchAnswers.page(search.search(), query);
    }

    @Override
    public LogSession session(String sessionId) {
        var search = backend.search();
        return search == null ? DashboardData.super.session(sessionId)
                : LogSearchAnswers.session(search.search(), sessionId);
    }
}
