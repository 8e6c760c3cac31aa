package io.ecomlog.local;

import io.ecomlog.backend.athena.DuckDbLake;
import io.ecomlog.publicdata.OnlineRetailParser;
import io.ecomlog.publicdata.PublicData;
import io.ecomlog.testing.HeadlessChromium;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo itself, shortened: the simulator's traffic through local mode, every event and order accounted for in
 * every store, every injected anomaly alerted, the summary printed, and the dashboard on the run's real data opened
 * in headless Chromium. One run (about a minute) shared by the tests.
 */
class LocalModeEndToEndTest {

    private static final Path WORK = Path.of("target", "local-e2e");
    private static LocalModeCli cli;
    private static int exitCode;
    private static String console;
    private static final Map<String, Object> DASHBOARD = new HashMap<>();

    /** Invoices of the Online Retail sample that the test's copy of it sells to guests (no CustomerID). */
    static final List<String> GUEST_INVOICES = List.of("536366", "536367");

    @BeforeAll
    static void runTheDemo() throws Exception {
        var out = new ByteArrayOutputStream();
        cli = new LocalModeCli(new PrintStream(out, true, StandardCharsets.UTF_8));
        cli.whenDone(LocalModeEndToEndTest::lookAtTheDashboard);
        exitCode = new CommandLine(cli).execute("--duration", "15s", "--rate", "200", "--seed", "7", "--work",
                WORK.toString(), "--port", "0", "--no-serve", "--online-retail", withGuests().toString());
        console = out.toString(StandardCharsets.UTF_8);
    }

    /** The sample with the customer ids of {@link #GUEST_INVOICES} removed, as a shop without accounts writes it. */
    static Path withGuests() throws Exception {
        var sample = PublicData.findDataDir().resolve("online-retail/OnlineRetail-sample.csv");
        var rows = new java.util.ArrayList<String>();
        for (String row : Files.readAllLines(sample)) {
            var f = row.split(",", -1);
            if (GUEST_INVOICES.contains(f[0]) && f.length == 8) {
                f[6] = "";
                row = String.join(",", f);
            }
            rows.add(row);
        }
        Path copy = Path.of("target", "online-retail-with-guests.csv");
        Files.write(copy, rows);
        return copy;
    }

    @Test
    void everySimulatedEventIsInTheLakeAndTheCuratedTablesOnce() throws Exception {
        var report = cli.report();
        assertThat(exitCode).as(console).isZero();
        assertThat(report.sent().lost()).isZero();
        assertThat(report.results().lake().byType()).isEqualTo(report.sent().sentByType());
        assertThat(report.results().lake().repeats()).isZero();
        assertThat(report.results().curate().eventsAdded()).isEqualTo(report.sent().sent());
        assertThat(report.results().curate().quarantined()).isZero();
        try (var lake = DuckDbLake.open(WORK.resolve("curated"));
             var st = lake.connection().createStatement();
             var rs = st.executeQuery("SELECT count(*), count(DISTINCT event_id) FROM events")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(report.sent().sent());
            assertThat(rs.getLong(2)).isEqualTo(report.sent().sent());
        }
    }

    @Test
    void everyInjectedAnomalyIsAlerted() {
        var report = cli.report();
        assertThat(report.sent().expectedAlerts()).extracting(Object::toString).containsExactly(
                "bot_user bot-1", "bot_ip 198.51.100.2", "order_surge ecomlog-sim", "failed_logins_user victim-1");
        assertThat(report.alertsRaised()).containsAll(report.sent().expectedAlerts().stream()
                .map(Object::toString).toList());
        assertThat(report.missedAlerts()).isEmpty();
        // the alerter's stand-in for SNS: the console and alerts.jsonl
        assertThat(console).contains("ALERT  [ecomlog] warning: bot_user user bot-1",
                "ALERT  [ecomlog] warning: failed_logins_user user victim-1",
                "ALERT  [ecomlog] critical: order_surge shop ecomlog-sim");
        assertThat(WORK.resolve("alerts.jsonl")).content().contains("\"kind\":\"order_surge\"");
    }

    @Test
    void theOrderHistoryEqualsAnIndependentReadingOfTheFileGuestsIncluded() {
        var report = cli.report();
        assertThat(report.inputInvoices()).isGreaterThan(GUEST_INVOICES.size());
        assertThat(report.inputInvoicesTotal()).isEqualTo(67); // the sample's invoices, two of them now guests'
        assertThat(report.inputDifferences()).isEmpty();
        assertThat(report.guestOrders()).isGreaterThanOrEqualTo(GUEST_INVOICES.size());
        assertThat(report.notReplayed()).containsEntry(OnlineRetailParser.SOURCE + ": "
                + OnlineRetailParser.STOCK_ADJUSTMENT, 1L)
                .containsKey(OnlineRetailParser.SOURCE + ": not reached in the run's time");
        assertThat(console).contains("equal to an independent reading of the file (customer or guest, total to the"
                + " cent, lines, cancellations): yes");
    }

    @Test
    void theOrderHistoryEqualsTheSimulatorsRecordOfOrders() {
        var report = cli.report();
        assertThat(report.orderDifferences()).isEmpty();
        assertThat(report.ordersStored()).isEqualTo(report.sent().orders().size());
        assertThat(report.ordersStored()).isGreaterThan(report.sent().orders().values().stream()
                .filter(o -> o.orderId().startsWith("surge-")).count());
    }

    @Test
    void theNamedQueriesAndAlsAnswer() {
        var report = cli.report();
        assertThat(report.results().queries()).hasSize(11).allSatisfy(q -> assertThat(q.error()).isNull());
        assertThat(report.results().queries()).filteredOn(q -> q.query().name().equals("funnel")).singleElement()
                .satisfies(q -> assertThat(q.rows()).isNotEmpty());
        assertThat(report.results().queries()).filteredOn(q -> q.query().name().equals("order_history"))
                .singleElement().satisfies(q -> assertThat(q.rows()).isNotEmpty());
        assertThat(report.results().recommendations().people()).isPositive();
        assertThat(report.sampleRecommendations()).isNotEmpty();
    }

    @Test
    void theSummaryIsPrinted() {
        assertThat(console).contains("==================== ecomlog local mode: summary",
                "events   sent " + String.format("%,d", cli.report().sent().sent()),
                "lost 0", "all alerted", "equal to what the simulator sent: yes", "of them guest orders",
                "OK: every event arrived, every injected anomaly was alerted, the order history matches");
        for (var name : io.ecomlog.backend.athena.NamedQuery.NAMES) {
            assertThat(console).contains("  " + name);
        }
    }

    @Test
    void theDashboardShowsTheRunsData() {
        assertThat(DASHBOARD.get("error")).as("what went wrong in the browser").isNull();
        assertThat(DASHBOARD).containsKeys("sales", "funnel", "categories", "alerts", "orders", "recommendations");
        assertThat((Integer) DASHBOARD.get("sales")).isPositive();
        assertThat((Integer) DASHBOARD.get("funnel")).isEqualTo(3);
        assertThat((Integer) DASHBOARD.get("categories")).isPositive();
        assertThat((Integer) DASHBOARD.get("alerts")).isGreaterThanOrEqualTo(4);
        assertThat((Integer) DASHBOARD.get("orders")).isPositive();
        assertThat((Integer) DASHBOARD.get("recommendations")).isPositive();
        assertThat(DASHBOARD.get("sent")).isEqualTo(String.valueOf(cli.report().sent().sent()));
        assertThat(Path.of("target", "local-dashboard.png")).isNotEmptyFile();
    }

    @Test
    void theDashboardFindsAGuestsOrdersAndPassesTheApisRefusalOn() {
        assertThat(DASHBOARD.get("error")).as("what went wrong in the browser").isNull();
        assertThat(DASHBOARD.get("guest:invoice-" + GUEST_INVOICES.get(0))).isEqualTo("loaded 1");
        assertThat(DASHBOARD.get("a#b")).isEqualTo("error: Could not load: the customer id must be 1-256 letters,"
                + " digits or ._:@+-");
        assertThat(DASHBOARD.get("refused")).isEqualTo("400 {\"error\":\"the customer id must be 1-256 letters,"
                + " digits or ._:@+-\"}");
    }

    /** Called by the demo after the summary, with the dashboard still up. */
    private static void lookAtTheDashboard(URI url) {
        try (var chromium = new HeadlessChromium()) {
            ChromeDriver browser = chromium.browser();
            browser.get(url.toString());
            waitUntil(browser, "charts with data", () -> points(browser, "sales-chart") > 0
                    && points(browser, "funnel-chart") > 0 && points(browser, "categories-chart") > 0);
            DASHBOARD.put("sales", points(browser, "sales-chart"));
            DASHBOARD.put("funnel", points(browser, "funnel-chart"));
            DASHBOARD.put("categories", points(browser, "categories-chart"));
            waitUntil(browser, "the alerts", () -> !browser.findElements(By.cssSelector("#alerts-table tbody tr"))
                    .isEmpty());
            DASHBOARD.put("alerts", browser.findElements(By.cssSelector("#alerts-table tbody tr")).size());
            DASHBOARD.put("sent", browser.findElement(By.id("events-sent")).getAttribute("data-value"));

            String customer = cli.report().sent().orders().values().stream().map(o -> o.customerKey())
                    .filter(k -> k.startsWith("user#")).findFirst().orElseThrow().substring(5);
            WebElement input = browser.findElement(By.id("customer"));
            input.clear();
            input.sendKeys(customer);
            browser.findElement(By.cssSelector("#orders-form button")).click();
            waitUntil(browser, "the customer's orders", () -> "loaded".equals(browser.findElement(
                    By.id("orders-panel")).getAttribute("data-state")));
            DASHBOARD.put("orders", browser.findElements(By.cssSelector("#orders-table tbody tr")).size());

            // a guest's orders by the documented guest id; an id the API refuses comes back as its 400
            for (var search : List.of("guest:invoice-" + GUEST_INVOICES.get(0), "a#b")) {
                input.clear();
                input.sendKeys(search);
                browser.findElement(By.cssSelector("#orders-form button")).click();
                waitUntil(browser, "the answer for " + search, () -> List.of("loaded", "error").contains(
                        browser.findElement(By.id("orders-panel")).getAttribute("data-state")));
                var panel = browser.findElement(By.id("orders-panel"));
                DASHBOARD.put(search, "error".equals(panel.getAttribute("data-state"))
                        ? "error: " + browser.findElement(By.cssSelector("#orders-panel > .error")).getText()
                        : "loaded " + browser.findElements(By.cssSelector("#orders-table tbody tr")).size());
            }
            var refused = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    url.resolve("api/orders?customer=a%23b")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            DASHBOARD.put("refused", refused.statusCode() + " " + refused.body());

            waitUntil(browser, "the user picker", () -> new Select(browser.findElement(By.id("user"))).getOptions()
                    .size() > 1);
            var picker = new Select(browser.findElement(By.id("user")));
            String user = picker.getOptions().get(1).getAttribute("value");
            picker.selectByValue(user);
            waitUntil(browser, "the recommendations", () -> user.equals(browser.findElement(By.id("recs-list"))
                    .getAttribute("data-user")));
            DASHBOARD.put("recommendations", browser.findElements(By.cssSelector("#recs-list li")).size());

            Files.write(Path.of("target", "local-dashboard.png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (Exception e) {
            DASHBOARD.put("error", e.toString());
        }
    }

    private static int points(ChromeDriver browser, String chart) {
        return Integer.parseInt(browser.findElement(By.id(chart)).getAttribute("data-points"));
    }

    private static void waitUntil(ChromeDriver browser, String what, BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(what).until(d -> condition.getAsBoolean());
    }
}
