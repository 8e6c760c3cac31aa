package io.ecomlog.backend.athena;

import io.ecomlog.event.EcomEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every named query, run on DuckDB over the curated Parquet layout made from the public samples, answers what
 * {@link PlainAnswers} computes from the same events in plain Java.
 */
class NamedQueriesOnSamplesTest {

    /** Wide enough for every sample: Online Retail 2010-12, the access log 2015-05, REES46 2019-10. */
    static final String FIRST = "2010-01-01";
    static final String LAST = "2020-12-31";

    @TempDir
    static Path dir;
    static List<EcomEvent> events;
    static PlainAnswers expected;
    static DuckDbLake lake;

    @BeforeAll
    static void curate() throws Exception {
        events = SampleEvents.all();
        expected = new PlainAnswers(events);
        lake = DuckDbLake.inMemory();
        lake.curate(List.of(SampleEvents.writeNdjson(events, dir.resolve("events.ndjson"))), dir.resolve("curated"));
        lake.mount(dir.resolve("curated"));
    }

    @AfterAll
    static void close() throws SQLException {
        lake.close();
    }

    @Test
    void duckDbCountsTheParametersTrinoFinds() throws SQLException {
        var trino = new io.trino.sql.parser.SqlParser();
        for (var query : NamedQuery.all()) {
            assertThat(lake.parameterCount(query)).as(query.name())
                    .isEqualTo(SqlTextsTest.parameters(trino.createStatement(query.sql())));
        }
    }

    @Test
    void uniqueVisitorsPerDay() throws SQLException {
        assertSame("unique_visitors_per_day", expected.uniqueVisitorsPerDay(FIRST, LAST));
    }

    @Test
    void uniqueVisitorsOfOneMonthReadOnlyThatMonth() throws SQLException {
        var answer = expected.uniqueVisitorsPerDay("2010-12-01", "2010-12-31");
        assertThat(answer).isNotEmpty().hasSizeLessThan(expected.uniqueVisitorsPerDay(FIRST, LAST).size());
        assertSame("unique_visitors_per_day", answer, "2010-12-01", "2010-12-31");
    }

    @Test
    void cartAbandonmentPerDay() throws SQLException {
        assertSame("cart_abandonment_per_day", expected.cartAbandonmentPerDay(FIRST, LAST));
    }

    @Test
    void topCategoriesPerHour() throws SQLException {
        assertSame("top_categories_per_hour", expected.topCategoriesPerHour(FIRST, LAST));
    }

    @Test
    void topCategoriesPerWeekday() throws SQLException {
        assertSame("top_categories_per_weekday", expected.topCategoriesPerWeekday(FIRST, LAST));
    }

    @Test
    void brandsNeedingMarketing() throws SQLException {
        assertSame("brands_needing_marketing", expected.brandsNeedingMarketing(FIRST, LAST));
    }

    @Test
    void salesAndConversionByProduct() throws SQLException {
        assertSame("sales_and_conversion_by_product", expected.salesAndConversionByProduct(FIRST, LAST));
    }

    @Test
    void revenuePerDayByCurrency() throws SQLException {
        assertSame("revenue_per_day_by_currency", expected.revenuePerDayByCurrency(FIRST, LAST));
    }

    @Test
    void failedLoginsInATimeRange() throws SQLException {
        Instant since = Instant.parse(LOGINS_FROM.replace(' ', 'T') + "Z");
        Instant until = Instant.parse(LOGINS_UNTIL.replace(' ', 'T') + "Z");
        var answer = expected.failedLogins(FIRST, LAST, since, until);
        assertThat(answer).hasSizeLessThan(expected.failedLogins(FIRST, LAST, Instant.EPOCH, Instant.now()).size());
        assertSame("failed_logins", answer);
    }

    @Test
    void errorRatesPerEndpointPerHour() throws SQLException {
        assertSame("error_rates_per_endpoint_per_hour", expected.errorRatesPerEndpointPerHour(FIRST, LAST));
    }

    @Test
    void orderHistoryOfTheBusiestCustomer() throws SQLException {
        String customer = expected.busiestCustomer();
        var answer = expected.orderHistory(customer, FIRST, LAST);
        assertThat(answer).hasSizeGreaterThan(1);
        assertSame("order_history", answer);
    }

    @Test
    void funnel() throws SQLException {
        assertSame("funnel", expected.funnel(FIRST, LAST));
    }

    static final String LOGINS_FROM = "2015-05-17 12:00:00";
    static final String LOGINS_UNTIL = "2015-05-19 12:00:00";

    /** The parameters each query runs with here and in {@link LakeScanHarness}: every day of the samples. */
    static Object[] parametersFor(String name, String customer) {
        return switch (name) {
            case "brands_needing_marketing", "sales_and_conversion_by_product", "error_rates_per_endpoint_per_hour" ->
                    new Object[] {FIRST, LAST, FIRST, LAST};
            case "failed_logins" -> new Object[] {FIRST, LAST, LOGINS_FROM, LOGINS_UNTIL};
            case "order_history" -> new Object[] {customer, FIRST, LAST, customer, FIRST, LAST};
            default -> new Object[] {FIRST, LAST};
        };
    }

    private static void assertSame(String name, List<List<Object>> expectedRows) throws SQLException {
        assertSame(name, expectedRows, parametersFor(name, expected.busiestCustomer()));
    }

    private static void assertSame(String name, List<List<Object>> expectedRows, Object... parameters)
            throws SQLException {
        var actual = lake.run(NamedQuery.load(name), parameters);
        assertThat(expectedRows).as("%s has something to compare", name).isNotEmpty();
        assertThat(normalize(actual)).as(name).isEqualTo(normalize(expectedRows));
    }

    /** Values of both sides in one form: whole and decimal numbers as plain decimals, doubles to 12 digits, times UTC. */
    static List<List<Object>> normalize(List<List<Object>> rows) {
        var out = new ArrayList<List<Object>>();
        for (var row : rows) {
            var values = new ArrayList<Object>();
            for (Object v : row) {
                values.add(normalize(v));
            }
            out.add(values);
        }
        return out;
    }

    private static Object normalize(Object v) {
        if (v instanceof Double || v instanceof Float) {
            return new BigDecimal(((Number) v).doubleValue()).round(new java.math.MathContext(12)).stripTrailingZeros()
                    .toPlainString() + "d";
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime().toString();
        }
        if (v instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().toString();
        }
        if (v instanceof LocalDateTime t) {
            return t.toString();
        }
        return v;
    }
}
