package io.ecomlog.local.dashboard;

import io.ecomlog.local.dashboard.DashboardData.AlertRow;
import io.ecomlog.local.dashboard.DashboardData.OrderRow;
import io.ecomlog.testing.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page in Debian's headless Chromium (tools/install-chromium.sh), over a {@link SampleData} that changes while the
 * page polls. What was drawn is read from the data-* attributes the page sets, and the browser's console must stay
 * free of errors (a script error or a blocked resource shows there).
 */
class DashboardPageTest {

    private static HeadlessChromium chromium;
    private static ChromeDriver browser;

    private SampleData data;
    private DashboardServer server;

    @BeforeAll
    static void openBrowser() {
        chromium = new HeadlessChromium();
        browser = chromium.browser();
    }

    @AfterAll
    static void closeBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void openPage() {
        data = new SampleData();
        server = new DashboardServer(data, 0).start();
        browser.get(server.url().toString());
        waitUntil("the first poll", () -> polls() >= 1);
    }

    @AfterEach
    void closeServer() {
        List<String> errors = consoleErrors().stream()
                .filter(message -> !message.contains("status of 500")) // the outage test's own answers
                .toList();
        server.close();
        assertThat(errors).as("errors in the browser's console").isEmpty();
    }

    @Test
    void everyPanelRendersWithTheData() {
        assertThat(points("sales-chart")).isEqualTo(10);
        assertThat(points("funnel-chart")).isEqualTo(3);
        assertThat(points("categories-chart")).isEqualTo(8); // the page asks for eight
        for (String chart : List.of("sales-chart", "funnel-chart", "categories-chart")) {
            assertThat(byId(chart).findElements(By.tagName("canvas"))).as(chart).isNotEmpty();
        }

        assertThat(counter("events-sent")).isEqualTo("12840");
        assertThat(byId("events-sent").getText()).isEqualTo("12,840");
        assertThat(counter("events-arrived")).isEqualTo("12831");
        assertThat(counter("events-lost")).isEqualTo("9");
        assertThat(counter("orders-count")).isEqualTo(String.valueOf(data.totalOrders()));
        assertThat(counter("alerts-count")).isEqualTo("3");
        assertThat(byId("phase").getText()).isEqualTo("peak");
        assertThat(byId("updated").getAttribute("datetime")).isEqualTo("2026-12-02T20:09:59Z");

        assertThat(alertRows()).hasSize(3);
        assertThat(cells(alertRows().get(0))).containsSubsequence("error_rate", "service:checkout",
                "5xx share 7.5 % over 2 min", "alerter");
        assertThat(byId("alerts-empty").isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("[data-error]"))).isEmpty();
    }

    @Test
    void refreshesWhileTheSimulatorRuns() {
        long polls = polls();
        data.addMinute(33, "4410.80");
        AlertRow alert = data.raiseAlert("payment_failures", "psp:stripe", "15 failed payments in 60 s (threshold 10)");
        data.phase("cool-down");

        waitUntil("the new minute in the sales chart", () -> points("sales-chart") == 11);
        waitUntil("the new alert on top", () -> alertRows().size() == 4
                && alert.alertId().equals(alertRows().get(0).getAttribute("data-alert-id")));
        waitUntil("the new counters", () -> counter("alerts-count").equals("4")
                && counter("orders-count").equals(String.valueOf(data.totalOrders())));
        assertThat(cells(alertRows().get(0))).contains("15 failed payments in 60 s (threshold 10)");
        assertThat(byId("phase").getText()).isEqualTo("cool-down");
        assertThat(counter("events-sent")).isEqualTo("13840");
        assertThat(polls()).isGreaterThan(polls);
    }

    @Test
    void searchesACustomersOrdersPageByPage() {
        List<String> all = data.allOrders("C-1001").stream().map(OrderRow::orderId).toList();
        waitUntil("the customer hints",
                () -> browser.findElements(By.cssSelector("#customer-hints option")).size() == 3);

        search("C-1001");
        waitUntil("the first page", () -> "loaded".equals(ordersState()) && "1".equals(ordersPage()));
        assertThat(orderIds()).containsExactlyElementsOf(all.subList(0, 5));
        assertThat(cells(orderRows().get(0))).contains("PLACED", "€139.30", "2");
        assertThat(byId("orders-next").isDisplayed()).isTrue();
        assertThat(byId("orders-prev").isDisplayed()).isFalse();

        byId("orders-next").click();
        waitUntil("the second page", () -> "loaded".equals(ordersState()) && "2".equals(ordersPage()));
        assertThat(orderIds()).containsExactlyElementsOf(all.subList(5, 7));
        assertThat(byId("orders-page").getText()).isEqualTo("page 2");
        assertThat(byId("orders-next").isDisplayed()).isFalse();

        byId("orders-prev").click();
        waitUntil("the first page again", () -> "loaded".equals(ordersState()) && "1".equals(ordersPage()));
        assertThat(orderIds()).containsExactlyElementsOf(all.subList(0, 5));

        search("C-9999");
        waitUntil("the empty answer", () -> "empty".equals(ordersState()));
        assertThat(byId("orders-message").getText()).isEqualTo("No orders for C-9999.");
        assertThat(byId("orders-table").isDisplayed()).isFalse();
        assertThat(byId("orders-next").isDisplayed()).isFalse();
    }

    @Test
    void showsThePickedUsersRecommendations() {
        waitUntil("the user picker", () -> new Select(byId("user")).getOptions().size() == 3);
        new Select(byId("user")).selectByValue("U-501");
        waitUntil("U-501's list", () -> "U-501".equals(byId("recs-list").getAttribute("data-user")));

        List<WebElement> items = byId("recs-list").findElements(By.tagName("li"));
        assertThat(items).hasSize(4);
        assertThat(items.get(0).getText()).isEqualTo("P-1004 · electronics/smartphone · samsung · score 0.962");

        new Select(byId("user")).selectByValue("U-502");
        waitUntil("U-502's list", () -> "U-502".equals(byId("recs-list").getAttribute("data-user")));
        assertThat(byId("recs-list").findElements(By.tagName("li"))).extracting(WebElement::getText).containsExactly(
                "P-5001 · appliances/kitchen/refrigerators · lg · score 0.913",
                "P-5002 · furniture/living_room/sofa · no brand · score 0.702",
                "P-5003 · kids/toys · lego · score 0.518");
    }

    @Test
    void aFailingSourceShowsAnErrorNoteAndTheRestGoesOn() {
        data.failOn("topCategories", "alerts");
        data.addMinute(12, "1500.00");

        WebElement note = byId("categories-panel").findElement(By.className("error"));
        waitUntil("the error note", note::isDisplayed);
        assertThat(note.getText()).isEqualTo("Could not load: the data source failed on /api/categories: "
                + "IllegalStateException: simulated outage of topCategories");
        waitUntil("the alerts' note", () -> "true".equals(byId("alerts-panel").getAttribute("data-error")));
        // the console shows the failed requests: the check after each test does read it
        assertThat(consoleErrors()).anyMatch(message -> message.contains("api/categories")
                && message.contains("status of 500"));
        // the rest still refreshes
        waitUntil("the new minute", () -> points("sales-chart") == 11);
        assertThat(points("funnel-chart")).isEqualTo(3);
        assertThat(byId("sales-panel").findElement(By.className("error")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("[data-error]"))).extracting(e -> e.getAttribute("id"))
                .containsExactlyInAnyOrder("categories-panel", "alerts-panel");

        data.failOn();
        waitUntil("the recovery", () -> browser.findElements(By.cssSelector("[data-error]")).isEmpty());
        assertThat(note.isDisplayed()).isFalse();
        assertThat(points("categories-chart")).isEqualTo(8);
    }

    @Test
    void dataIsShownAsTextNeverAsMarkup() {
        String summary = "<img src=x onerror=\"document.body.dataset.injected='yes'\"> & <b>bold</b>";
        AlertRow alert = data.raiseAlert("<i>kind</i>", "key<br>", summary);
        data.addCategory(new DashboardData.CategoryCount("<script>alert(1)</script>", 5_000, 1));

        waitUntil("the alert", () -> alert.alertId().equals(alertRows().get(0).getAttribute("data-alert-id")));
        assertThat(cells(alertRows().get(0))).contains("<i>kind</i>", "key<br>", summary);
        assertThat(byId("alerts-table").findElements(By.cssSelector("tbody img, tbody b, tbody i, tbody br")))
                .isEmpty();

        search("<b>nobody</b>");
        waitUntil("the empty answer", () -> "empty".equals(ordersState()));
        assertThat(byId("orders-message").getText()).isEqualTo("No orders for <b>nobody</b>.");
        assertThat(byId("orders-message").findElements(By.tagName("b"))).isEmpty();

        waitUntil("the category drawn as a name", () -> categoryNames().contains("<script>alert(1)</script>"));
        assertThat(browser.findElements(By.tagName("script"))).extracting(e -> e.getAttribute("src"))
                .map(src -> src.substring(src.lastIndexOf('/') + 1))
                .containsExactly("echarts.min.js", "fetch-json.js", "dashboard.js"); // the page's own
        assertThat(byId("categories-chart").findElements(By.cssSelector("script, img"))).isEmpty();
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-injected")).isNull();
    }

    @Test
    void theLogSearchPageSearchesFiltersDrawsAndOpensASessionShowingDataAsText() {
        browser.get(server.url().resolve("search.html").toString());
        waitUntil("the first search", () -> searches() >= 1 && rows("hits") == 4);
        assertThat(Integer.parseInt(byId("histogram").getAttribute("data-points"))).isEqualTo(2);
        assertThat(byId("histogram").findElements(By.tagName("canvas"))).isNotEmpty();
        var first = byId("hits").findElements(By.cssSelector("tbody tr")).get(0);
        assertThat(first.getText()).contains(SampleData.HOSTILE_MESSAGE);
        assertThat(byId("hits").findElements(By.cssSelector("tbody img, tbody b"))).isEmpty();

        // a filter and a text: both reach the API as values
        byId("type").sendKeys("http_access");
        byId("q").sendKeys("\"card\" *:*");
        int before = searches();
        byId("search-form").findElement(By.cssSelector("button[type=submit]")).click();
        waitUntil("the filtered search", () -> searches() > before);
        assertThat(rows("hits")).isEqualTo(2);
        var asked = data.logQueries.get(data.logQueries.size() - 1);
        assertThat(asked.eventType()).isEqualTo("http_access");
        assertThat(asked.text()).isEqualTo("\"card\" *:*");

        byId("hits").findElement(By.cssSelector("tbody tr button.link")).click();
        waitUntil("the session", () -> "loaded".equals(byId("session-panel").getAttribute("data-state")));
        assertThat(byId("session-id").getText()).isEqualTo("s-1");
        assertThat(rows("session-events")).isEqualTo(2);
        assertThat(rows("session-access")).isEqualTo(2);
        assertThat(byId("session-order").getText()).startsWith("Order O-9");
        assertThat(byId("session-panel").findElements(By.cssSelector("img, b"))).isEmpty();
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-injected")).isNull();
    }

    private int searches() {
        return Integer.parseInt(browser.findElement(By.tagName("body")).getAttribute("data-searches"));
    }

    private int rows(String id) {
        return Integer.parseInt(byId(id).getAttribute("data-rows"));
    }

    @Test
    void screenshotOfAFilledPage() throws IOException {
        search("C-1001");
        waitUntil("the orders", () -> "loaded".equals(ordersState()));
        waitUntil("the user picker", () -> new Select(byId("user")).getOptions().size() == 3);
        new Select(byId("user")).selectByValue("U-501");
        waitUntil("the recommendations", () -> "4".equals(byId("recs-list").getAttribute("data-rows")));
        long polls = polls();
        waitUntil("one more poll, so the charts' animations are over", () -> polls() > polls);

        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        Path file = Path.of(System.getProperty("dashboard.screenshot", "target/dashboard-screenshot.png"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, png);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(png.length).isGreaterThan(50_000); // a page with charts, not a blank one
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private static void waitUntil(String what, BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage(what)
                .until(driver -> condition.getAsBoolean());
    }

    /** The console's errors since the last call (reading empties it). */
    private static List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    private static WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    /** The names on the categories chart's axis, as ECharts holds them. */
    @SuppressWarnings("unchecked")
    private static List<String> categoryNames() {
        return (List<String>) browser.executeScript("return echarts.getInstanceByDom("
                + "document.getElementById('categories-chart')).getOption().yAxis[0].data");
    }

    private static long polls() {
        return Long.parseLong(browser.findElement(By.tagName("body")).getAttribute("data-polls"));
    }

    private static int points(String chart) {
        return Integer.parseInt(byId(chart).getAttribute("data-points"));
    }

    private static String counter(String id) {
        return byId(id).getAttribute("data-value");
    }

    private static List<WebElement> alertRows() {
        return browser.findElements(By.cssSelector("#alerts-table tbody tr"));
    }

    private static List<WebElement> orderRows() {
        return browser.findElements(By.cssSelector("#orders-table tbody tr"));
    }

    private static List<String> orderIds() {
        return orderRows().stream().map(row -> cells(row).get(0)).toList();
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    private static String ordersState() {
        return byId("orders-panel").getAttribute("data-state");
    }

    private static String ordersPage() {
        return byId("orders-panel").getAttribute("data-page");
    }

    private static void search(String customer) {
        WebElement input = byId("customer");
        input.clear();
        input.sendKeys(customer);
        browser.findElement(By.cssSelector("#orders-form button")).click();
    }
}
