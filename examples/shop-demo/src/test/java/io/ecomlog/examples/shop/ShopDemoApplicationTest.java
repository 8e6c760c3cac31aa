package io.ecomlog.examples.shop;

import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import io.ecomlog.event.HttpAccess;
import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.record.RecordCodec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A shopper's journey over real HTTP (Jetty on 127.0.0.1), read back from the local data lake. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShopDemoApplicationTest {

    static final Path LAKE = Path.of("target", "shop-lake-test-" + System.currentTimeMillis()).toAbsolutePath();

    @DynamicPropertySource
    static void lake(DynamicPropertyRegistry registry) {
        registry.add("ecomlog.local-lake.directory", LAKE::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    EcomlogClient ecomlog;

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> send(String method, String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-User-Id", "u-42").method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aShoppingJourneyArrivesInTheLakeAsTypedEventsAndAccessLines() throws Exception {
        var search = send("GET", "/products?q=smartphone");
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).contains("\"1004856\"").contains("\"electronics/smartphone\"");
        assertThat(send("GET", "/products/1004856").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/cart/1004856").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/login?user=u-42&password=nope").statusCode()).isEqualTo(401);
        assertThat(send("POST", "/login?user=u-42&password=demo").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/checkout").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/payment-provider").statusCode()).isEqualTo(500);
        var health = send("GET", "/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"ecomlog\"").contains("\"status\":\"UP\"");
        assertThat(send("GET", "/actuator/metrics/ecomlog.events.accepted").statusCode()).isEqualTo(200);

        assertThat(ecomlog.flush(Duration.ofSeconds(10))).isTrue();
        var events = read(LAKE);
        assertThat(events).extracting(EcomEvent::eventType).contains(EventType.PRODUCTS_SEARCHED,
                EventType.PRODUCT_VIEWED, EventType.PRODUCT_ADDED, EventType.ORDER_COMPLETED, EventType.APP_ERROR,
                EventType.HTTP_ACCESS, EventType.LOGIN_SUCCEEDED, EventType.LOGIN_FAILED);
        var order = events.stream().filter(e -> e.eventType() == EventType.ORDER_COMPLETED).findFirst().orElseThrow();
        assertThat(order.userId()).isEqualTo("u-42");
        assertThat(order.currency()).isEqualTo("EUR");
        var paths = events.stream().filter(e -> e.eventType() == EventType.HTTP_ACCESS)
                .map(e -> ((HttpAccess) e.payload()).path()).toList();
        assertThat(paths).contains("/products", "/products/1004856", "/cart/1004856", "/login", "/checkout",
                        "/payment-provider")
                .noneMatch(p -> p.startsWith("/actuator"));
        // one session through the whole journey: the starter took it from the HttpSession
        var sessions = events.stream().filter(e -> e.eventType() == EventType.HTTP_ACCESS)
                .filter(e -> !((HttpAccess) e.payload()).path().equals("/payment-provider"))
                .map(EcomEvent::sessionId).distinct().toList();
        assertThat(sessions).hasSize(1).doesNotContainNull();
    }

    private static List<EcomEvent> read(Path lake) throws Exception {
        var codec = new EventCodec();
        var events = new ArrayList<EcomEvent>();
        try (var files = Files.walk(lake)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ndjson.gz")).toList()) {
                for (byte[] line : RecordCodec.lines(Files.readAllBytes(f))) {
                    events.add(codec.decode(line));
                }
            }
        }
        return events;
    }
}
