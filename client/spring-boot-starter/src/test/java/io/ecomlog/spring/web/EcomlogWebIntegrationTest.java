package io.ecomlog.spring.web;

import io.ecomlog.event.AppError;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import io.ecomlog.event.HttpAccess;
import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.spring.EcomlogHealthIndicator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Spring Boot servlet application (Jetty on 127.0.0.1, Spring MVC, the starter's auto-configuration through
 * AutoConfiguration.imports): real HTTP requests become http_access and app_error events in the local lake.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "ecomlog.linger=20ms",
        "ecomlog.producer-id=web-it",
        "ecomlog.aws.endpoint=http://127.0.0.1:9",
        "ecomlog.web.exclude-paths=/actuator/**,/internal/**",
        "management.endpoints.web.exposure.include=health"})
class EcomlogWebIntegrationTest {

    static final Path LAKE = Path.of("target", "web-it-lake-" + System.currentTimeMillis()).toAbsolutePath();

    @DynamicPropertySource
    static void lake(DynamicPropertyRegistry registry) {
        registry.add("ecomlog.local-lake.directory", LAKE::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    EcomlogClient client;

    @Autowired
    EcomlogHealthIndicator health;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("User-Agent", "ecomlog-it").header("Referer", "http://127.0.0.1/start")
                .header("X-Request-Id", "it-" + path.hashCode()).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void realRequestsBecomeEventsInTheLocalLake() throws Exception {
        assertThat(get("/hello?name=bob").statusCode()).isEqualTo(200);
        assertThat(get("/boom").statusCode()).isEqualTo(500);
        assertThat(get("/internal/ping").statusCode()).isEqualTo(200);
        assertThat(client.flush(Duration.ofSeconds(10))).isTrue();

        List<EcomEvent> events = await().atMost(Duration.ofSeconds(10))
                .until(() -> io.ecomlog.spring.TestLake.read(LAKE), e -> e.size() >= 3);
        var access = events.stream().filter(e -> e.eventType() == EventType.HTTP_ACCESS)
                .map(e -> (HttpAccess) e.payload()).toList();
        assertThat(access).extracting(HttpAccess::path).contains("/hello", "/boom")
                .doesNotContain("/internal/ping");
        var hello = access.stream().filter(a -> a.path().equals("/hello")).findFirst().orElseThrow();
        assertThat(hello.method()).isEqualTo("GET");
        assertThat(hello.status()).isEqualTo(200);
        assertThat(hello.bytes()).isEqualTo("hello bob".length());
        assertThat(hello.userAgent()).isEqualTo("ecomlog-it");
        assertThat(hello.referrer()).isEqualTo("http://127.0.0.1/start");
        assertThat(hello.host()).isEqualTo("127.0.0.1");
        assertThat(hello.protocol()).startsWith("HTTP/");
        var boom = access.stream().filter(a -> a.path().equals("/boom")).findFirst().orElseThrow();
        assertThat(boom.status()).isEqualTo(500);

        var errors = events.stream().filter(e -> e.eventType() == EventType.APP_ERROR)
                .map(e -> (AppError) e.payload()).toList();
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.errorClass()).isEqualTo(IllegalStateException.class.getName());
            assertThat(error.errorMessage()).isEqualTo("out of stock");
            assertThat(error.endpoint()).isEqualTo("GET /boom");
            assertThat(error.requestId()).isEqualTo("it-" + "/boom".hashCode());
        });
        assertThat(health.health().getStatus().getCode()).isEqualTo("UP");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @RestController
    static class ShopApp {
        @GetMapping("/hello")
        String hello(@org.springframework.web.bind.annotation.RequestParam String name) {
            return "hello " + name;
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("out of stock");
        }

        @GetMapping("/internal/ping")
        String ping() {
            return "pong";
        }
    }
}
