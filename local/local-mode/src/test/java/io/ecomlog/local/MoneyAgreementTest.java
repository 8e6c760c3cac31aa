package io.ecomlog.local;

import io.ecomlog.backend.athena.DuckDbLake;
import io.ecomlog.backend.athena.NamedQuery;
import io.ecomlog.backend.order.OrderHistoryStore;
import io.ecomlog.kpi.KpiCodec;
import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.publicdata.OnlineRetailParser;
import io.ecomlog.publicdata.PublicData;
import io.ecomlog.testing.Dynalite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One definition of an order's money (README, "The money of an order"), checked where it is counted: the same
 * Online Retail invoices — the sample plus rows with postage, discounts, manual lines, bank charges, a credit note
 * of a discount and guests — through the order history, the named queries {@code revenue_per_day_by_currency},
 * {@code sales_and_conversion_by_product} and {@code order_history} on the curated lake, and the Flink sales KPIs,
 * all equal to the cent to an independent reading of the file ({@link InputOrders}).
 */
class MoneyAgreementTest {

    private static final String EXTRA = """
            900001,A1,LAMP,2,12/20/2010 10:00,10.00,99001,United Kingdom
            900001,POST,POSTAGE,1,12/20/2010 10:00,18.00,99001,United Kingdom
            900001,M,Manual,1,12/20/2010 10:00,2.50,99001,United Kingdom
            900001,BANK CHARGES,Bank Charges,1,12/20/2010 10:00,15.00,99001,United Kingdom
            900001,D,Discount,1,12/20/2010 10:00,5.00,99001,United Kingdom
            C900002,A1,LAMP,-1,12/21/2010 10:00,10.00,99001,United Kingdom
            C900002,D,Discount,-1,12/21/2010 10:00,3.00,99001,United Kingdom
            C900003,D,Discount,-1,12/21/2010 11:00,27.50,99002,United Kingdom
            900004,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/22/2010 09:30,2.55,,United Kingdom
            900004,DOT,DOTCOM POSTAGE,1,12/22/2010 09:30,11.20,,United Kingdom
            900005,22633,HAND WARMER UNION JACK,3,2010-12-22 10:00:00,1.85,99003.0,United Kingdom
            """;

    @Test
    void theOrderHistoryTheQueriesAndTheKpisCountTheSameMoney(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("online-retail.csv");
        Files.writeString(file, Files.readString(PublicData.findDataDir()
                .resolve("online-retail/OnlineRetail-sample.csv")).stripTrailing() + "\n" + EXTRA);
        var events = new OnlineRetailParser().parse(file).events();
        var input = InputOrders.read(file, 0, false);
        assertThat(events).hasSize(input.invoices().size());

        Path lake = dir.resolve("lake");
        try (var client = EcomlogClient.builder().localLake(lake).producerId("money").shutdownHook(false)
                .spoolDirectory(dir.resolve("spool")).linger(Duration.ofMillis(20)).build()) {
            events.forEach(client::track);
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
        }

        // the file, read independently: sales and credit notes, merchandise of the sales
        BigDecimal sales = BigDecimal.ZERO, credits = BigDecimal.ZERO;
        for (var invoice : input.invoices()) {
            if (invoice.creditNote()) {
                credits = credits.add(invoice.total());
            } else {
                sales = sales.add(invoice.total());
            }
        }

        // the order history
        var dynalite = Dynalite.shared();
        String table = "money" + System.nanoTime();
        dynalite.createTable(OrderHistoryStore.tableDefinition(table));
        var store = new OrderHistoryStore(dynalite.client(), table);
        events.forEach(store::apply);
        BigDecimal storedSales = BigDecimal.ZERO, storedCredits = BigDecimal.ZERO, storedMerchandise = BigDecimal.ZERO;
        var guestTotals = new TreeMap<String, BigDecimal>();
        for (var item : dynalite.client().scanPaginator(b -> b.tableName(table)).items()) {
            var total = new BigDecimal(item.get("total").n());
            if (OrderHistoryStore.Status.CANCELLED.name().equals(item.get("status").s())) {
                storedCredits = storedCredits.add(total);
            } else {
                storedSales = storedSales.add(total);
                storedMerchandise = storedMerchandise.add(new BigDecimal(item.get("subtotal").n()));
            }
            if (item.get(OrderHistoryStore.CUSTOMER).s().startsWith("guest#")) {
                guestTotals.put(OrderHistoryStore.customerId(item.get(OrderHistoryStore.CUSTOMER).s()), total);
            }
        }
        assertThat(storedSales).isEqualByComparingTo(sales);
        assertThat(storedCredits).isEqualByComparingTo(credits);
        assertThat(guestTotals).containsOnlyKeys("guest:invoice-900004");
        assertThat(guestTotals.get("guest:invoice-900004")).isEqualByComparingTo("26.50"); // 6 x 2.55 + 11.20

        // the named queries over the lake curated by DuckDB (the same SQL as on Athena)
        Path curated = dir.resolve("curated");
        try (var duck = DuckDbLake.inMemory()) {
            duck.curate(objects(lake), curated);
        }
        var first = LocalDate.parse("2010-12-01");
        var last = LocalDate.parse("2010-12-31");
        try (var duck = DuckDbLake.open(curated)) {
            BigDecimal querySales = BigDecimal.ZERO, queryCredits = BigDecimal.ZERO;
            for (var row : run(duck, "revenue_per_day_by_currency", first, last, null)) {
                assertThat(row.get(1)).isEqualTo("GBP");
                querySales = querySales.add(decimal(row.get(3)));
                queryCredits = queryCredits.add(decimal(row.get(4)));
            }
            assertThat(querySales).isEqualByComparingTo(sales);
            assertThat(queryCredits).isEqualByComparingTo(credits);

            BigDecimal byProduct = BigDecimal.ZERO;
            for (var row : run(duck, "sales_and_conversion_by_product", first, last, null)) {
                byProduct = byProduct.add(decimal(row.get(5)));
            }
            assertThat(byProduct).isEqualByComparingTo(storedMerchandise);

            // one customer's orders, as the order_history query and the order history store give them
            var fromQuery = new TreeMap<String, BigDecimal>();
            for (var row : run(duck, "order_history", first, last, "99001")) {
                fromQuery.put(row.get(0).toString(), decimal(row.get(3)));
            }
            var fromStore = new TreeMap<String, BigDecimal>();
            for (var item : store.ordersOf(OrderHistoryStore.userKey("99001"), 10, null).orders()) {
                fromStore.put(item.get(OrderHistoryStore.ORDER).s(), new BigDecimal(item.get("total").n()));
            }
            assertThat(fromQuery).containsOnlyKeys("900001", "C900002");
            assertThat(fromQuery.get("900001")).isEqualByComparingTo("50.50"); // 20 + 18 + 2.50 + 15 - 5
            assertThat(fromQuery.get("C900002")).isEqualByComparingTo("13.00"); // 10 + 3, all paid back
            fromQuery.forEach((order, total) -> assertThat(fromStore.get(order)).isEqualByComparingTo(total));
        }

        // the Flink sales KPIs, a backfill pass over the same lake
        Path analytics = dir.resolve("analytics");
        try (var flink = new FlinkAnalytics(lake, analytics, FlinkAnalytics.BACKFILL)) {
            flink.finish();
        }
        BigDecimal kpiSales = BigDecimal.ZERO;
        long kpiOrders = 0;
        for (String line : lines(analytics.resolve(FlinkAnalytics.FINAL))) {
            if (line.contains("\"record_type\":\"sales_kpi\"")) {
                var kpi = new KpiCodec().decode(line.getBytes(StandardCharsets.UTF_8));
                kpiSales = kpiSales.add(kpi.revenueByCurrency().getOrDefault("GBP", BigDecimal.ZERO));
                kpiOrders += kpi.orders();
            }
        }
        assertThat(kpiSales).isEqualByComparingTo(sales);
        assertThat(kpiOrders).isEqualTo(input.invoices().stream().filter(i -> !i.creditNote()).count());
    }

    private static List<List<Object>> run(DuckDbLake duck, String name, LocalDate first, LocalDate last,
                                          String customer) throws Exception {
        var query = NamedQuery.load(name);
        return duck.run(query, NamedReports.parameters(query, duck.parameterCount(query), first, last, customer));
    }

    private static BigDecimal decimal(Object value) {
        return value == null ? BigDecimal.ZERO : new BigDecimal(value.toString());
    }

    private static List<Path> objects(Path lake) throws Exception {
        try (Stream<Path> files = Files.walk(lake)) {
            return files.filter(p -> p.toString().endsWith(".ndjson.gz")).toList();
        }
    }

    private static List<String> lines(Path folder) throws Exception {
        var out = new ArrayList<String>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .toList()) {
                out.addAll(Files.readAllLines(f));
            }
        }
        return out;
    }
}
