package io.ecomlog.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.testing.HeadlessChromium;
import io.ecomlog.transport.LocalFolderStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local mode with {@code --opensearch} on a short run: the production indexer over the lake into a real node in its
 * own JVM, and the dashboard's log search on the run's data — through its JSON API (every event found by its id,
 * filters that return exactly the lake's documents, a session joined with its access lines and order, bad input
 * answered with 400 or an honest empty result) and in headless Chromium. Everything that needs the node is asked
 * while the dashboard still serves ({@code whenDone}), then asserted.
 */
class LogSearchEndToEndTest {

    private static final Path WORK = Path.of("target", "local-search-e2e");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, Object> SEEN = new ConcurrentHashMap<>();
    private static LocalModeCli cli;
    private static int exitCode;
    private static String console;
    /** The lake's events by id, read after the run. */
    private static final Map<String, JsonNode> LAKE = new LinkedHashMap<>();

    @BeforeAll
    static void runWithSearch() throws Exception {
        var out = new ByteArrayOutputStream();
        cli = new LocalModeCli(new PrintStream(out, true, StandardCharsets.UTF_8));
        cli.whenDone(LogSearchEndToEndTest::searchWhileServing);
        exitCode = new CommandLine(cli).execute("--duration", "15s", "--rate", "200", "--seed", "11", "--work",
                WORK.toString(), "--port", "0", "--no-serve", "--opensearch");
        console = out.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, JsonNode> lake() throws Exception {
        synchronized (LAKE) {
            if (LAKE.isEmpty()) {
                var store = new LocalFolderStore(WORK.resolve("lake"));
                for (var key : store.list("")) {
                    for (byte[] line : RecordCodec.lines(store.get(key))) {
                        var node = JSON.readTree(line);
                        LAKE.putIfAbsent(node.path("event_id").asText(), node);
                    }
                }
            }
            return LAKE;
        }
    }

    @Test
    void theRunIndexesEveryEventOnceAndSaysSo() throws Exception {
        assertThat(exitCode).as(console).isZero();
        var search = cli.report().results().search();
        assertThat(search).isNotNull();
        assertThat(search.searchable()).isEqualTo(lake().size());
        assertThat(search.deadLettered()).isZero();
        assertThat(search.rejected()).isEmpty();
        assertThat(console).contains("search   " + String.format("%,d", lake().size()) + " documents searchable");
        assertThat(SEEN.get("error")).as("while serving").isNull();
        // every event of the lake, asked by its id through the dashboard's API, is found exactly once
        assertThat(SEEN.get("notFoundOnce")).isEqualTo(List.of());
    }

    @Test
    void filtersReturnExactlyTheLakesDocuments() throws Exception {
        assertThat(SEEN.get("error")).as("while serving").isNull();
        assertThat(SEEN.get("user.expected")).isNotNull().isEqualTo(SEEN.get("user.found"));
        assertThat(SEEN.get("path.expected")).isNotNull().isEqualTo(SEEN.get("path.found"));
        assertThat(SEEN.get("error.expected")).isNotNull().isEqualTo(SEEN.get("error.found"));
    }

    @Test
    void aSessionIsJoinedWithItsAccessLinesAndItsOrder() {
        assertThat(SEEN.get("error")).as("while serving").isNull();
        assertThat(SEEN.get("session.order")).isNotNull().isEqualTo(SEEN.get("session.expectedOrder"));
        assertThat(SEEN.get("session.events")).isEqualTo(SEEN.get("session.expectedEvents"));
        assertThat(SEEN.get("session.access")).isEqualTo(SEEN.get("session.expectedAccess"));
    }

    @Test
    void badInputGetsAClearAnswerNeverA500OrAnInjectedQuery() {
        assertThat(SEEN.get("error")).as("while serving").isNull();
        @SuppressWarnings("unchecked")
        var answers = (Map<String, String>) SEEN.get("badInput");
        assertThat(answers).isNotNull();
        // Lucene syntax and wildcards are words to find, not a query: they match nothing here
        assertThat(answers.get("*:*")).startsWith("200").contains("\"total\":0");
        // the same words without the syntax find the same documents: the syntax changed nothing
        assertThat(answers.get("status:[500 TO 599] OR *")).startsWith("200");
        assertThat(total(answers.get("status:[500 TO 599] OR *")))
                .isEqualTo(total(answers.get("status 500 TO 599 OR")));
        assertThat(answers.get("\"unbalanced")).startsWith("200");
        assertThat(answers.get("café über 日本 \\xC3")).startsWith("200");
        assertThat(answers.get("10 KB")).startsWith("400").contains("longer than 1000 characters");
        assertThat(answers.get("from=yesterday")).startsWith("400").contains("ISO-8601");
        assertThat(answers.get("status=6xx")).startsWith("400").contains("status must be one of");
        assertThat(answers.get("limit=1000")).startsWith("400");
        assertThat(answers.values()).noneMatch(a -> a.startsWith("500"));
    }

    @Test
    void thePageSearchesFiltersDrawsTheHistogramAndOpensASession() {
        assertThat(SEEN.get("error")).as("while serving").isNull();
        assertThat((Integer) SEEN.get("page.rows")).isPositive();
        assertThat((Integer) SEEN.get("page.histogram")).isPositive();
        assertThat(SEEN.get("page.filteredTypes")).isEqualTo(Set.of("http_access"));
        assertThat((Integer) SEEN.get("page.sessionEvents")).isPositive();
        assertThat((String) SEEN.get("page.sessionOrder")).startsWith("Order ");
        assertThat(Path.of("target", "log-search.png")).isNotEmptyFile();
    }

    private static long total(String answer) {
        try {
            return JSON.readTree(answer.substring(answer.indexOf(' ') + 1)).path("total").asLong(-1);
        } catch (Exception e) {
            throw new AssertionError(answer, e);
        }
    }

    // ------------------------------------------------------------------------------------------ while serving

    private static void searchWhileServing(URI url) {
        try {
            var lake = lake();
            everyEventByItsId(url, lake);
            filters(url, lake);
            session(url, lake);
            badInput(url);
            page(url);
        } catch (Throwable e) {
            var trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            SEEN.put("error", trace.toString());
        }
    }

    private static JsonNode search(URI url, Map<String, String> params) throws Exception {
        var answer = get(url, "api/search", params);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static HttpResponse<String> get(URI url, String path, Map<String, String> params) throws Exception {
        String query = params.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(url.resolve(path + "?" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> ids(JsonNode page) {
        var out = new TreeSet<String>();
        page.path("hits").forEach(h -> out.add(h.path("eventId").asText()));
        return out;
    }

    /**
     * Every id of the lake asked of the node directly (an {@code ids} query, a thousand at a time) is there exactly
     * once; a sample of them, asked as search text through the dashboard's API, finds exactly its document.
     */
    private static void everyEventByItsId(URI url, Map<String, JsonNode> lake) throws Exception {
        var wrong = new ArrayList<String>();
        var ids = new ArrayList<>(lake.keySet());
        URI node = cli.search().endpoint();
        for (int from = 0; from < ids.size(); from += 1000) {
            var chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            String body = JSON.writeValueAsString(Map.of("size", 2000, "_source", false,
                    "query", Map.of("ids", Map.of("values", chunk))));
            var answer = HTTP.send(HttpRequest.newBuilder(node.resolve("/" + LocalSearch.INDEX_PREFIX + "-*/_search"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            var found = new HashMap<String, Integer>();
            JSON.readTree(answer.body()).path("hits").path("hits")
                    .forEach(h -> found.merge(h.path("_id").asText(), 1, Integer::sum));
            chunk.stream().filter(id -> found.getOrDefault(id, 0) != 1).forEach(id -> wrong.add(id + " x"
                    + found.getOrDefault(id, 0)));
        }
        for (int i = 0; i < ids.size(); i += Math.max(1, ids.size() / 100)) {
            String id = ids.get(i);
            var hits = new ArrayList<String>();
            search(url, Map.of("q", id, "limit", "5")).path("hits").forEach(h -> hits.add(h.path("eventId").asText()));
            if (!hits.equals(List.of(id))) {
                wrong.add(id + " -> " + hits);
            }
        }
        SEEN.put("notFoundOnce", wrong);
    }

    private static void filters(URI url, Map<String, JsonNode> lake) throws Exception {
        // a user with a handful of events, a path with a few access lines, an error class
        var byUser = group(lake, e -> e.path("user_id").asText(null));
        String user = byUser.entrySet().stream().filter(e -> e.getValue().size() >= 2 && e.getValue().size() <= 100)
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        SEEN.put("user.expected", byUser.get(user));
        SEEN.put("user.found", ids(search(url, Map.of("user", user, "limit", "100"))));

        var byPath = group(lake, e -> "http_access".equals(e.path("event_type").asText())
                ? e.path("path").asText(null) : null);
        String path = byPath.entrySet().stream().filter(e -> e.getValue().size() <= 100)
                .max(Comparator.comparing(e -> e.getValue().size())).map(Map.Entry::getKey).orElseThrow();
        SEEN.put("path.expected", byPath.get(path));
        SEEN.put("path.found", ids(search(url, Map.of("path", path, "type", "http_access", "limit", "100"))));

        // a known error: the path with the most access lines answered 4xx or 5xx, and the answers' class
        var byError = group(lake, e -> "http_access".equals(e.path("event_type").asText())
                && e.path("status").asInt() >= 400 ? e.path("status").asInt() / 100 + "xx " + e.path("path").asText()
                : null);
        String error = byError.entrySet().stream().filter(e -> e.getValue().size() <= 100)
                .max(Comparator.comparing(e -> e.getValue().size())).map(Map.Entry::getKey).orElseThrow();
        SEEN.put("error.expected", byError.get(error));
        SEEN.put("error.found", ids(search(url, Map.of("status", error.substring(0, 3), "path", error.substring(4),
                "type", "http_access", "limit", "100"))));
    }

    private static Map<String, Set<String>> group(Map<String, JsonNode> lake, Function<JsonNode, String> key) {
        var out = new LinkedHashMap<String, Set<String>>();
        lake.forEach((id, e) -> {
            String k = key.apply(e);
            if (k != null && !k.isEmpty()) {
                out.computeIfAbsent(k, x -> new TreeSet<>()).add(id);
            }
        });
        return out;
    }

    /**
     * The session of an order, as the search joins it: the documents of the session, and those whose
     * {@code request_id} one of them names; its order the session's last.
     */
    private static void session(URI url, Map<String, JsonNode> lake) throws Exception {
        // of the sessions that placed an order, the one with the most documents
        var bySession = group(lake, e -> e.path("session_id").asText(null));
        String session = lake.values().stream().filter(e -> "order_completed".equals(e.path("event_type").asText()))
                .map(e -> e.path("session_id").asText(null)).filter(bySession::containsKey)
                .max(Comparator.comparing((String id) -> bySession.get(id).size())).orElseThrow();
        var own = lake.values().stream().filter(e -> session.equals(e.path("session_id").asText())).toList();
        var requests = new HashSet<String>();
        own.forEach(e -> {
            String request = e.hasNonNull("request_id") ? e.path("request_id").asText()
                    : e.path("mdc").path("request_id").asText(null);
            if (request != null) {
                requests.add(request);
            }
        });
        var events = new TreeSet<String>();
        var access = new TreeSet<String>();
        JsonNode lastOrder = null;
        for (var e : lake.values()) {
            boolean belongs = session.equals(e.path("session_id").asText())
                    || requests.contains(e.path("request_id").asText(null));
            String type = e.path("event_type").asText();
            if (!belongs || "app_error".equals(type)) {
                continue;
            }
            if ("http_access".equals(type)) {
                access.add(e.path("event_id").asText());
            } else {
                events.add(e.path("event_id").asText());
            }
            if ("order_completed".equals(type) && (lastOrder == null
                    || e.path("event_time").asText().compareTo(lastOrder.path("event_time").asText()) >= 0)) {
                lastOrder = e;
            }
        }
        var answer = get(url, "api/session", Map.of("id", session));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        var view = JSON.readTree(answer.body());
        SEEN.put("session.expectedOrder", lastOrder.path("order_id").asText());
        SEEN.put("session.order", view.path("order").path("orderId").asText());
        SEEN.put("session.expectedEvents", events);
        SEEN.put("session.events", idsOf(view.path("events")));
        SEEN.put("session.expectedAccess", access);
        SEEN.put("session.access", idsOf(view.path("accessLines")));
    }

    private static Set<String> idsOf(JsonNode hits) {
        var out = new TreeSet<String>();
        hits.forEach(h -> out.add(h.path("eventId").asText()));
        return out;
    }

    private static void badInput(URI url) throws Exception {
        var answers = new LinkedHashMap<String, String>();
        for (String text : List.of("*:*", "status:[500 TO 599] OR *", "status 500 TO 599 OR", "\"unbalanced",
                "café über 日本 \\xC3")) {
            var answer = get(url, "api/search", Map.of("q", text));
            answers.put(text, answer.statusCode() + " " + answer.body());
        }
        var long10k = get(url, "api/search", Map.of("q", "x".repeat(10 * 1024)));
        answers.put("10 KB", long10k.statusCode() + " " + long10k.body());
        for (var bad : List.of(Map.of("from", "yesterday"), Map.of("status", "6xx"), Map.of("limit", "1000"))) {
            var answer = get(url, "api/search", bad);
            var entry = bad.entrySet().iterator().next();
            answers.put(entry.getKey() + "=" + entry.getValue(), answer.statusCode() + " " + answer.body());
        }
        SEEN.put("badInput", answers);
    }

    private static void page(URI url) throws Exception {
        try (var chromium = new HeadlessChromium()) {
            ChromeDriver browser = chromium.browser();
            browser.get(url.resolve("search.html").toString());
            waitUntil(browser, "the first search", () -> searches(browser) >= 1
                    && rows(browser, "hits") > 0 && points(browser) > 0);
            SEEN.put("page.rows", rows(browser, "hits"));
            SEEN.put("page.histogram", points(browser));

            // a filter: access lines only
            setText(browser, "type", "http_access");
            submit(browser);
            var types = new HashSet<String>();
            browser.findElements(By.cssSelector("#hits tbody tr td:nth-child(2)")).forEach(td -> types.add(
                    td.getText()));
            SEEN.put("page.filteredTypes", types);

            // a session with an order, opened from its hit
            setText(browser, "type", "order_completed");
            submit(browser);
            browser.findElement(By.cssSelector("#hits tbody tr button.link")).click();
            waitUntil(browser, "the session", () -> "loaded".equals(browser.findElement(By.id("session-panel"))
                    .getAttribute("data-state")));
            SEEN.put("page.sessionEvents", Integer.parseInt(browser.findElement(By.id("session-events"))
                    .getAttribute("data-rows")));
            SEEN.put("page.sessionOrder", browser.findElement(By.id("session-order")).getText());
            // the picture: every document again, the session still open
            setText(browser, "type", "");
            submit(browser);
            browser.executeScript("window.scrollTo(0, 0)");
            Files.write(Path.of("target", "log-search.png"), browser.getScreenshotAs(OutputType.BYTES));
        }
    }

    private static void setText(ChromeDriver browser, String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private static void submit(ChromeDriver browser) {
        int before = searches(browser);
        browser.findElement(By.cssSelector("#search-form button[type=submit]")).click();
        waitUntil(browser, "the search's answer", () -> searches(browser) > before);
    }

    private static int searches(ChromeDriver browser) {
        return Integer.parseInt(browser.findElement(By.tagName("body")).getAttribute("data-searches"));
    }

    private static int rows(ChromeDriver browser, String table) {
        return Integer.parseInt(browser.findElement(By.id(table)).getAttribute("data-rows"));
    }

    private static int points(ChromeDriver browser) {
        return Integer.parseInt(browser.findElement(By.id("histogram")).getAttribute("data-points"));
    }

    private static void waitUntil(ChromeDriver browser, String what, BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(what).until(d -> condition.getAsBoolean());
    }
}
