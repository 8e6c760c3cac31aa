package io.ecomlog.local;

import io.ecomlog.backend.athena.DuckDbLake;
import io.ecomlog.publicdata.PublicData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local mode as a backfill ({@code --keep-time}): the three samples replayed at their original times, so the lake,
 * the named queries, the Flink jobs and ALS see the real span of the data (December 2010, May 2015, October 2019).
 * The per-day and per-hour queries are checked against computations over the files themselves.
 */
class BackfillEndToEndTest {

    private static final Path WORK = Path.of("target", "local-backfill");
    private static LocalModeCli cli;
    private static int exitCode;
    private static String console;

    @BeforeAll
    static void backfillTheSamples() {
        var out = new ByteArrayOutputStream();
        cli = new LocalModeCli(new PrintStream(out, true, StandardCharsets.UTF_8));
        exitCode = new CommandLine(cli).execute("--keep-time", "--rate", "5000", "--duration", "5m", "--seed", "7",
                "--work", WORK.toString(), "--port", "0", "--no-serve");
        console = out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyEventOfTheFilesArrivesAtItsOriginalTime() throws Exception {
        var report = cli.report();
        assertThat(exitCode).as(console).isZero();
        long parsed = report.sent().replayParses().stream().mapToLong(p -> p.events().size()).sum();
        assertThat(report.sent().sent()).isEqualTo(parsed);
        assertThat(report.results().lake().byType()).isEqualTo(report.sent().sentByType());
        assertThat(report.results().curate().eventsAdded()).isEqualTo(parsed);
        try (var lake = DuckDbLake.open(WORK.resolve("curated"));
             var st = lake.connection().createStatement();
             var rs = st.executeQuery("SELECT CAST(min(event_date) AS VARCHAR), CAST(max(event_date) AS VARCHAR),"
                     + " count(DISTINCT event_date) FROM events")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("2010-12-01");
            assertThat(rs.getString(2)).startsWith("2019-10-");
            assertThat(rs.getLong(3)).isGreaterThanOrEqualTo(5); // 1 day of orders, 4 of the access log, REES46
        }
        assertThat(report.inputInvoices()).isEqualTo(report.inputInvoicesTotal()).isEqualTo(67);
        assertThat(report.inputDifferences()).isEmpty();
        assertThat(console).contains("backfilling the files at their original times");
    }

    @Test
    void revenuePerDayEqualsTheInvoicesOfEachDayInTheFile() throws Exception {
        var input = InputOrders.read(PublicData.findDataDir().resolve("online-retail/OnlineRetail-sample.csv"), 0,
                true);
        var expected = new TreeMap<String, BigDecimal[]>();
        for (var invoice : input.invoices()) {
            var day = expected.computeIfAbsent(invoice.day().toString(),
                    d -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            day[invoice.creditNote() ? 1 : 0] = day[invoice.creditNote() ? 1 : 0].add(invoice.total());
        }
        var fromQuery = new TreeMap<String, BigDecimal[]>();
        for (var row : query("revenue_per_day_by_currency").rows()) {
            if ("GBP".equals(row.get(1))) {
                fromQuery.put(row.get(0).toString(), new BigDecimal[]{decimal(row.get(3)), decimal(row.get(4))});
            }
        }
        assertThat(fromQuery.keySet()).isEqualTo(expected.keySet()).containsExactly("2010-12-01");
        expected.forEach((day, sums) -> {
            assertThat(fromQuery.get(day)[0]).as(day).isEqualByComparingTo(sums[0]);
            assertThat(fromQuery.get(day)[1]).as(day).isEqualByComparingTo(sums[1]);
        });
    }

    @Test
    void serverErrorsPerEndpointAndHourEqualACountOfTheLogsLines() throws Exception {
        // the log read with a regular expression of its own: hour (UTC), endpoint, requests, 5xx answers
        var line = Pattern.compile("^\\S+ \\S+ \\S+ \\[([^\\]]+)\\] \"[A-Z]+ (\\S+)[^\"]*\" (\\d{3}) ");
        var time = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
        var requests = new TreeMap<String, long[]>();
        for (String text : Files.readAllLines(PublicData.findDataDir().resolve("apache/access-combined-2015.log"))) {
            var m = line.matcher(text);
            if (m.find()) {
                Instant hour = OffsetDateTime.parse(m.group(1), time).toInstant().truncatedTo(ChronoUnit.HOURS);
                var counts = requests.computeIfAbsent(hour + " " + m.group(2).split("\\?", 2)[0], k -> new long[2]);
                counts[0]++;
                counts[1] += m.group(3).startsWith("5") ? 1 : 0;
            }
        }
        var expected = new TreeMap<String, String>();
        requests.forEach((key, c) -> {
            if (c[1] > 0) {
                expected.put(key, c[0] + " requests, " + c[1] + " 5xx");
            }
        });
        var fromQuery = new TreeMap<String, String>();
        for (var row : query("error_rates_per_endpoint_per_hour").rows()) {
            Object start = row.get(0);
            Instant hour = start instanceof OffsetDateTime o ? o.toInstant()
                    : start instanceof java.sql.Timestamp t ? t.toInstant()
                    : java.time.LocalDateTime.parse(start.toString().replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC);
            fromQuery.put(hour + " " + row.get(1), row.get(2) + " requests, " + row.get(3) + " 5xx");
        }
        assertThat(expected).isNotEmpty();
        assertThat(fromQuery).isEqualTo(expected);
    }

    @Test
    void realCustomersAtTheirRealPaceAreNoBots() {
        var report = cli.report();
        assertThat(report.sent().expectedAlerts()).isEmpty();
        assertThat(report.alertsRaised()).noneMatch(a -> a.startsWith("bot_user "));
    }

    @Test
    void alsIsEvaluatedOnTheOriginalDatesAgainstBothBaselines() {
        var evaluation = cli.report().results().evaluation();
        assertThat(evaluation).isNotNull();
        assertThat(evaluation.cutOff().toInstant()).isBefore(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(evaluation.als().persons()).isEqualTo(evaluation.mostPopular().persons())
                .isEqualTo(evaluation.buyAgain().persons());
        assertThat(console).contains("evaluated on the original dates", "most popular", "buy again");
    }

    private static NamedReports.Result query(String name) {
        return cli.report().results().queries().stream().filter(q -> q.query().name().equals(name)).findFirst()
                .orElseThrow();
    }

    private static BigDecimal decimal(Object value) {
        return value == null ? BigDecimal.ZERO : new BigDecimal(value.toString());
    }
}
