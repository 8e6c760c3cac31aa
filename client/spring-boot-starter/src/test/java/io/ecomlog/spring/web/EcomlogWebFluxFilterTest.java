package io.ecomlog.spring.web;

import io.ecomlog.event.AppError;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import io.ecomlog.event.HttpAccess;
import io.ecomlog.spring.EcomlogAutoConfiguration;
import io.ecomlog.spring.EcomlogProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EcomlogWebFluxFilterTest {

    private final List<EcomEvent> events = new ArrayList<>();
    private final RequestLoggingProperties settings = new EcomlogProperties().getWeb();

    private EcomlogWebFluxFilter filter() {
        return new EcomlogWebFluxFilter(events::add, settings);
    }

    private static WebFilterChain writing(HttpStatus status, String body) {
        return exchange -> {
            exchange.getResponse().setStatusCode(status);
            var buffer = exchange.getResponse().bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
            return exchange.getResponse().writeWith(Mono.just(buffer));
        };
    }

    @Test
    void anExchangeBecomesOneHttpAccessEvent() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/products/42?color=red")
                .header("User-Agent", "JUnit/5").header("Referer", "https://shop.example/")
                .header("X-Request-Id", "r-1").header("Accept-Language", "fr-CH")
                .remoteAddress(new InetSocketAddress("203.0.113.9", 4711)));
        filter().filter(exchange, writing(HttpStatus.CREATED, "bonjour")).block();

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.eventType()).isEqualTo(EventType.HTTP_ACCESS);
            assertThat(event.client().ip()).isEqualTo("203.0.113.9");
            assertThat(event.client().locale()).isEqualTo("fr-CH");
            var access = (HttpAccess) event.payload();
            assertThat(access.method()).isEqualTo("GET");
            assertThat(access.path()).isEqualTo("/products/42");
            assertThat(access.status()).isEqualTo(201);
            assertThat(access.bytes()).isEqualTo(7L);
            assertThat(access.userAgent()).isEqualTo("JUnit/5");
            assertThat(access.referrer()).isEqualTo("https://shop.example/");
            assertThat(access.requestId()).isEqualTo("r-1");
        });
    }

    @Test
    void excludedPathsAreNotLogged() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/actuator/health"));
        filter().filter(exchange, writing(HttpStatus.OK, "{}")).block();
        assertThat(events).isEmpty();
    }

    @Test
    void anUnhandledErrorBecomesAppErrorAndAHandledOneOnlyItsStatus() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/checkout").header("X-User", "u-1"));
        settings.setUserIdHeader("X-User");
        WebFilterChain failing = ex -> Mono.error(new IllegalStateException("no stock"));
        assertThatThrownBy(() -> filter().filter(exchange, failing).block()).hasMessage("no stock");
        assertThat(events).extracting(EcomEvent::eventType).containsExactly(EventType.HTTP_ACCESS, EventType.APP_ERROR);
        assertThat(((HttpAccess) events.get(0).payload()).status()).isEqualTo(500);
        assertThat(events.get(0).userId()).isEqualTo("u-1");
        var error = (AppError) events.get(1).payload();
        assertThat(error.errorMessage()).isEqualTo("no stock");
        assertThat(error.endpoint()).isEqualTo("POST /checkout");

        events.clear();
        WebFilterChain notFound = ex -> Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        assertThatThrownBy(() -> filter().filter(MockServerWebExchange.from(MockServerHttpRequest.get("/x")),
                notFound).block()).isInstanceOf(ResponseStatusException.class);
        assertThat(events).singleElement().satisfies(e -> assertThat(((HttpAccess) e.payload()).status())
                .isEqualTo(404));
    }

    @Test
    void registeredOnlyInReactiveWebApplications() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EcomlogAutoConfiguration.class))
                .withPropertyValues("ecomlog.aws.endpoint=http://127.0.0.1:9",
                        "ecomlog.local-lake.directory=target/webflux-lake")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(EcomlogWebFluxFilter.class)
                        .doesNotHaveBean("ecomlogServletFilter"));
    }
}
