package io.ecomlog.local.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecomlog.local.dashboard.DashboardData.AlertRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API over plain HTTP: status codes, JSON shapes, headers, and that data comes back exactly as given. */
class DashboardServerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private SampleData data;
    private DashboardServer server;

    @BeforeEach
    void start() {
        data = new SampleData();
        server = new DashboardServer(data, 0).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.url().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        return DashboardServer.JSON.readTree(response.body());
    }

    private JsonNode ok(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        return json(response);
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(server.url().getHost()).isEqualTo("127.0.0.1");
        assertThat(server.url().getPort()).isPositive();
    }

    @Test
    void takesTheConfiguredPort() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (DashboardServer fixed = new DashboardServer(data, port).start()) {
            assertThat(fixed.url()).isEqualTo(URI.create("http://127.0.0.1:" + port + "/"));
            assertThat(http.send(HttpRequest.newBuilder(fixed.url().resolve("api/funnel")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void overviewHasTheCountersAndAnIsoInstant() throws Exception {
        JsonNode overview = ok("api/overview");
        assertThat(overview.get("eventsSent").asLong()).isEqualTo(12_840);
        assertThat(overview.get("eventsArrived").asLong()).isEqualTo(12_831);
        assertThat(overview.get("eventsLost").asLong()).isEqualTo(9);
        assertThat(overview.get("orders").asLong()).isEqualTo(data.totalOrders());
        assertThat(overview.get("alerts").asLong()).isEqualTo(3);
        assertThat(overview.get("phase").asText()).isEqualTo("peak");
        assertThat(overview.get("updatedAt").asText()).isEqualTo("2026-12-02T20:09:59Z");
    }

    @Test
    void salesAreOldestFirstWithPlainDecimalsAndIsoMinutes() throws Exception {
        data.addMinute(9, "1E+3"); // a BigDecimal that toString() writes in exponent form
        HttpResponse<String> response = get("api/sales");
        JsonNode sales = json(response);
        assertThat(sales).hasSize(11);
        assertThat(sales.get(0).get("minute").asText()).isEqualTo("2026-12-02T20:00:00Z");
        assertThat(sales.get(0).get("orders").asLong()).isEqualTo(14);
        assertThat(sales.get(0).get("currency").asText()).isEqualTo("EUR");
        assertThat(response.body()).contains("\"revenue\":1840.50,").contains("\"revenue\":1000,")
                .doesNotContain("E+");
        assertThat(sales.get(10).get("minute").asText()).isEqualTo("2026-12-02T20:10:00Z");
    }

    @Test
    void funnelCategoriesAndAlerts() throws Exception {
        JsonNode funnel = ok("api/funnel");
        assertThat(funnel.get("views").asLong()).isEqualTo(9_600);
        assertThat(funnel.get("carts").asLong()).isEqualTo(1_480);
        assertThat(funnel.get("purchases").asLong()).isEqualTo(212);

        assertThat(ok("api/categories")).hasSize(10);
        JsonNode three = ok("api/categories?limit=3");
        assertThat(three).hasSize(3);
        assertThat(three.get(0).get("category").asText()).isEqualTo("electronics/smartphone");
        assertThat(three.get(0).get("events").asLong()).isEqualTo(3_120);
        assertThat(three.get(0).get("purchases").asLong()).isEqualTo(61);

        JsonNode alerts = ok("api/alerts?limit=2");
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).get("alertId").asText()).isEqualTo("A-3"); // newest first
        assertThat(alerts.get(0).get("raisedAt").asText()).isEqualTo("2026-12-02T20:08:25Z");
        assertThat(alerts.get(0).get("source").asText()).isEqualTo("alerter");
        assertThat(alerts.get(0).fieldNames()).toIterable()
                .containsExactly("alertId", "kind", "key", "raisedAt", "summary", "source");
    }

    @Test
    void ordersComePagedByToken() throws Exception {
        JsonNode first = ok("api/orders?customer=C-1001");
        assertThat(first.get("customerId").asText()).isEqualTo("C-1001");
        assertThat(first.get("orders")).hasSize(5);
        assertThat(first.get("orders").get(0).get("orderId").asText()).isEqualTo("O-1001-7");
        assertThat(first.get("orders").get(0).get("total").decimalValue()).isEqualByComparingTo("139.30");
        assertThat(first.get("orders").get(0).get("lines").asInt()).isEqualTo(2);
        assertThat(first.get("nextPageToken").asText()).isEqualTo("5");

        JsonNode second = ok("api/orders?customer=C-1001&pageToken=" + first.get("nextPageToken").asText());
        assertThat(second.get("orders")).extracting(o -> o.get("orderId").asText())
                .containsExactly("O-1001-2", "O-1001-1");
        assertThat(second.get("nextPageToken").isNull()).isTrue();

        // an empty token is a first page; names are decoded, so any customer id gets through
        assertThat(ok("api/orders?customer=C-1002&pageToken=").get("orders")).hasSize(2);
        JsonNode unknown = ok("api/orders?customer=" + query("Zoë & <Co> 7"));
        assertThat(unknown.get("customerId").asText()).isEqualTo("Zoë & <Co> 7");
        assertThat(unknown.get("orders")).isEmpty();
    }

    @Test
    void samplesAndRecommendations() throws Exception {
        assertThat(ok("api/customers")).extracting(JsonNode::asText).containsExactly("C-1001", "C-1002", "C-1003");
        assertThat(ok("api/customers?limit=1")).extracting(JsonNode::asText).containsExactly("C-1001");
        assertThat(ok("api/users")).extracting(JsonNode::asText).containsExactly("U-501", "U-502");

        JsonNode recommendations = ok("api/recommendations?user=U-501");
        assertThat(recommendations).hasSize(4);
        assertThat(recommendations.get(0).get("productId").asText()).isEqualTo("P-1004");
        assertThat(recommendations.get(0).get("score").asDouble()).isEqualTo(0.962);
        assertThat(recommendations.get(0).get("brand").asText()).isEqualTo("samsung");
        assertThat(ok("api/recommendations?user=U-502").get(1).get("brand").isNull()).isTrue();
        assertThat(ok("api/recommendations?user=nobody")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"api/categories?limit=0", "api/alerts?limit=-1", "api/customers?limit=501",
            "api/users?limit=ten", "api/orders", "api/orders?customer=%20%20", "api/recommendations",
            "api/recommendations?user="})
    void badParametersAre400WithAReason(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isNotBlank();
    }

    @Test
    void logSearchIsA404SayingHowToTurnItOnWhenTheSourceHasNone() throws Exception {
        // the sample data with the interface's own search methods: a source that does not implement them
        DashboardData withoutSearch = (DashboardData) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DashboardData.class}, (proxy, method, args) -> method.isDefault()
                        ? InvocationHandler.invokeDefault(proxy, method, args) : method.invoke(data, args));
        try (DashboardServer plain = new DashboardServer(withoutSearch, 0).start()) {
            for (String path : List.of("api/search?q=error", "api/session?id=s-1")) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(plain.url().resolve(path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(path).isEqualTo(404);
                assertThat(json(response).get("error").asText()).isEqualTo(DashboardData.SEARCH_OFF);
            }
            assertThat(http.send(HttpRequest.newBuilder(plain.url().resolve("api/funnel")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theSearchTextAndFiltersReachTheSourceAsValuesAndTheAnswerComesBackAsGiven() throws Exception {
        var asked = new ArrayList<DashboardData.LogQuery>();
        var hit = new DashboardData.LogHit("e-1", Instant.parse("2026-12-07T04:00:01Z"), "http_access",
                "GET /cart 500", 500, "/cart", "U-1", "s-1", "r-1", null, null);
        try (DashboardServer searching = new DashboardServer(new SampleData() {
            @Override
            public LogPage searchLogs(LogQuery query) {
                asked.add(query);
                return new LogPage(1, List.of(hit), 60, List.of(new LogBucket(Instant.parse("2026-12-07T04:00:00Z"),
                        1, Map.of("500", 1L))));
            }
        }, 0).start()) {
            String text = "\"quoted\" *:* status:[500 TO 599] café";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(searching.url().resolve(
                    "api/search?q=" + query(text) + "&status=5xx&path=%2Fcart&user=U-1&session=s-1&level=ERROR"
                            + "&type=http_access&from=2026-12-07T04:00:00Z&to=2026-12-07T05:00:00Z&offset=50"
                            + "&limit=25")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(asked).containsExactly(new DashboardData.LogQuery(text,
                    Instant.parse("2026-12-07T04:00:00Z"), Instant.parse("2026-12-07T05:00:00Z"), "5xx", "/cart",
                    "U-1", "s-1", "ERROR", "http_access", 50, 25));
            var page = json(response);
            assertThat(page.get("total").asLong()).isEqualTo(1);
            assertThat(page.get("hits").get(0).get("eventId").asText()).isEqualTo("e-1");
            assertThat(page.get("histogram").get(0).get("byStatus").get("500").asLong()).isEqualTo(1);

            for (String bad : List.of("api/search?from=yesterday", "api/search?to=2026-12-07", "api/search?limit=0",
                    "api/search?offset=-1", "api/search?user=" + "u".repeat(201), "api/session?id=")) {
                HttpResponse<String> refused = http.send(HttpRequest.newBuilder(searching.url().resolve(bad)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).as(bad).isEqualTo(400);
                assertThat(json(refused).get("error").asText()).as(bad).isNotBlank();
            }
        }
        assertThat(asked).hasSize(1);
    }

    @Test
    void aMalformedEscapeIs400() throws Exception {
        // java.net.URI refuses to build this one, so it goes over a plain socket
        assertThat(rawStatusLine("127.0.0.1", "/api/users?limit=%zz")).isEqualTo("HTTP/1.1 400 Bad Request");
    }

    @Test
    void anOverlongIdIs400() throws Exception {
        HttpResponse<String> response = get("api/orders?customer=" + "c".repeat(201));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("customer is longer than 200 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api/nothing", "api/", "nothing.html", "index.html", "static/dashboard.js",
            "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js",
            "io/ecomlog/local/dashboard/static/index.html"})
    void unknownPathsAre404(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").asText()).startsWith("no");
    }

    @Test
    void aThrowingDataSourceIs500WithItsMessageAndOnlyThatEndpointFails() throws Exception {
        data.failOn("topCategories");
        HttpResponse<String> response = get("api/categories");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(json(response).get("error").asText()).isEqualTo(
                "the data source failed on /api/categories: IllegalStateException: simulated outage of topCategories");
        assertThat(get("api/funnel").statusCode()).isEqualTo(200);

        data.failOn();
        assertThat(get("api/categories").statusCode()).isEqualTo(200);
    }

    @Test
    void aRefusalOfTheSourceKeepsItsStatusAndMessage() throws Exception {
        try (DashboardServer refusing = new DashboardServer(new SampleData() {
            @Override
            public synchronized OrderPage orders(String customerId, String pageToken) {
                if (customerId.startsWith("busy")) {
                    throw new Refused(503, "order history is unavailable, retry later");
                }
                throw new Refused(400, "the customer id must be 1-256 letters, digits or ._:@+-");
            }
        }, 0).start()) {
            for (var expected : Map.of("api/orders?customer=a%23b", 400, "api/orders?customer=busy", 503).entrySet()) {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(refusing.url().resolve(expected.getKey())).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(expected.getKey()).isEqualTo(expected.getValue());
                assertThat(json(response).get("error").asText()).isIn(
                        "the customer id must be 1-256 letters, digits or ._:@+-",
                        "order history is unavailable, retry later");
            }
        }
        assertThatThrownBy(() -> new DashboardData.Refused(200, "fine")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDataSourceAnsweringNullIs500() throws Exception {
        try (DashboardServer nulls = new DashboardServer(new SampleData() {
            @Override
            public synchronized Funnel funnel() {
                return null;
            }
        }, 0).start()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(nulls.url().resolve("api/funnel")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(json(response).get("error").asText()).endsWith("returned null");
        }
    }

    @Test
    void anAnswerThatBreaksWhileWrittenIs500() throws Exception {
        try (DashboardServer broken = new DashboardServer(new SampleData() {
            @Override
            public synchronized List<CategoryCount> topCategories(int limit) {
                return new AbstractList<>() { // a lazy view whose source is gone
                    @Override
                    public CategoryCount get(int index) {
                        throw new IllegalStateException("cursor closed");
                    }

                    @Override
                    public int size() {
                        return 1;
                    }
                };
            }
        }, 0).start()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(broken.url().resolve("api/categories")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(json(response).get("error").asText())
                    .startsWith("the answer of /api/categories could not be written as JSON")
                    .contains("cursor closed");
        }
    }

    @Test
    void markupAndControlCharactersComeBackExactlyAsJsonStrings() throws Exception {
        String summary = "</script><img src=x onerror=\"alert(1)\"> & 'quotes' \\ \u2028 tab\tend";
        AlertRow alert = data.raiseAlert("<b>kind</b>", "key\"with\"quotes", summary);

        HttpResponse<String> response = get("api/alerts?limit=1");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        JsonNode row = json(response).get(0);
        assertThat(row.get("summary").asText()).isEqualTo(summary);
        assertThat(row.get("kind").asText()).isEqualTo("<b>kind</b>");
        assertThat(row.get("key").asText()).isEqualTo("key\"with\"quotes");
        assertThat(DashboardServer.JSON.treeToValue(row, AlertRow.class)).isEqualTo(alert);
    }

    @Test
    void servesThePageItsScriptsAndEcharts() throws Exception {
        HttpResponse<String> page = get("");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'self'").doesNotContain("script-src"));
        assertThat(page.body()).contains("<script src=\"echarts.min.js\" defer></script>")
                .contains("<script src=\"dashboard.js\" defer></script>");

        HttpResponse<String> script = get("dashboard.js");
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.body()).contains("api/overview");
        assertThat(get("dashboard.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");

        HttpResponse<String> echarts = get("echarts.min.js");
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.body()).hasSizeGreaterThan(500_000).contains("echarts").contains("5.3.1");
    }

    @Test
    void onlyGetIsServed() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.url().resolve("api/overview"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void aForeignHostNameIsRefused() throws Exception {
        // what a page of another site would send after rebinding its name to 127.0.0.1
        String port = ":" + server.url().getPort();
        assertThat(rawStatusLine("evil.example" + port, "/api/funnel")).isEqualTo("HTTP/1.1 403 Forbidden");
        assertThat(rawStatusLine("localhost" + port, "/api/funnel")).isEqualTo("HTTP/1.1 200 OK");
        assertThat(rawStatusLine("127.0.0.1" + port, "/")).isEqualTo("HTTP/1.1 200 OK");
    }

    private String rawStatusLine(String host, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.url().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return response.substring(0, response.indexOf("\r\n"));
        }
    }

    @Test
    void recordsSerialiseWithTheirComponentNames() throws Exception {
        var minute = new DashboardData.SalesMinute(Instant.parse("2026-01-01T00:01:00Z"), 3, new BigDecimal("12.30"),
                "USD");
        assertThat(DashboardServer.JSON.writeValueAsString(List.of(minute))).isEqualTo(
                "[{\"minute\":\"2026-01-01T00:01:00Z\",\"orders\":3,\"revenue\":12.30,\"currency\":\"USD\"}]");
    }
}
