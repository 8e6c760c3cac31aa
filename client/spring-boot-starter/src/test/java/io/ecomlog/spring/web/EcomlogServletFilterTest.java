package io.ecomlog.spring.web;

import io.ecomlog.event.AppError;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import io.ecomlog.event.HttpAccess;
import io.ecomlog.spring.EcomlogProperties;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EcomlogServletFilterTest {

    private final List<EcomEvent> events = new ArrayList<>();
    private final RequestLoggingProperties settings = new EcomlogProperties().getWeb();

    private EcomlogServletFilter filter() {
        return new EcomlogServletFilter(events::add, settings);
    }

    private static MockFilterChain chain(HttpServlet servlet) {
        return new MockFilterChain(servlet);
    }

    private static HttpServlet writing(int status, String body) {
        return new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setStatus(status);
                resp.setCharacterEncoding("UTF-8");
                resp.getWriter().write(body);
            }
        };
    }

    @Test
    void aRequestBecomesOneHttpAccessEvent() throws Exception {
        var request = new MockHttpServletRequest("GET", "/products/42");
        request.setQueryString("color=red");
        request.addHeader("User-Agent", "JUnit/5");
        request.addHeader("Referer", "https://shop.example/search");
        request.addHeader("X-Request-Id", "req-1");
        request.addHeader("Accept-Language", "de-CH");
        request.setRemoteAddr("203.0.113.9");
        request.setUserPrincipal(() -> "alice");
        String sessionId = request.getSession(true).getId();

        filter().doFilter(request, new MockHttpServletResponse(), chain(writing(201, "grüezi")));

        assertThat(events).hasSize(1);
        var event = events.get(0);
        assertThat(event.eventType()).isEqualTo(EventType.HTTP_ACCESS);
        assertThat(event.userId()).isEqualTo("alice");
        assertThat(event.sessionId()).isEqualTo(sessionId);
        assertThat(event.client().ip()).isEqualTo("203.0.113.9");
        assertThat(event.client().locale()).isEqualTo("de-CH");
        var access = (HttpAccess) event.payload();
        assertThat(access.method()).isEqualTo("GET");
        assertThat(access.path()).isEqualTo("/products/42"); // no query string by default
        assertThat(access.status()).isEqualTo(201);
        assertThat(access.bytes()).isEqualTo("grüezi".getBytes(StandardCharsets.UTF_8).length);
        assertThat(access.userAgent()).isEqualTo("JUnit/5");
        assertThat(access.referrer()).isEqualTo("https://shop.example/search");
        assertThat(access.requestId()).isEqualTo("req-1");
        assertThat(access.host()).isEqualTo("203.0.113.9");
        assertThat(access.authuser()).isEqualTo("alice");
        assertThat(access.durationMs()).isNotNull().isNotNegative();
    }

    @Test
    void headersOverrideIdentityAndQueryStringsCanBeKept() throws Exception {
        settings.setUserIdHeader("X-User");
        settings.setSessionIdHeader("X-Session");
        settings.setAnonymousIdHeader("X-Visitor");
        settings.setClientIpHeader("X-Forwarded-For");
        settings.setIncludeQueryString(true);
        var request = new MockHttpServletRequest("POST", "/cart");
        request.setQueryString("a=1");
        request.addHeader("X-User", "u-7");
        request.addHeader("X-Session", "s-9");
        request.addHeader("X-Visitor", "v-3");
        request.addHeader("X-Forwarded-For", "198.51.100.4, 10.0.0.1");

        filter().doFilter(request, new MockHttpServletResponse(), chain(writing(200, "")));

        var event = events.get(0);
        assertThat(event.userId()).isEqualTo("u-7");
        assertThat(event.sessionId()).isEqualTo("s-9");
        assertThat(event.anonymousId()).isEqualTo("v-3");
        assertThat(event.client().ip()).isEqualTo("198.51.100.4");
        assertThat(((HttpAccess) event.payload()).path()).isEqualTo("/cart?a=1");
    }

    @Test
    void noSessionIsCreatedAndExcludedPathsAreSkipped() throws Exception {
        var request = new MockHttpServletRequest("GET", "/actuator/health");
        filter().doFilter(request, new MockHttpServletResponse(), chain(writing(200, "{}")));
        assertThat(events).isEmpty();

        var plain = new MockHttpServletRequest("GET", "/");
        filter().doFilter(plain, new MockHttpServletResponse(), chain(writing(200, "home")));
        assertThat(plain.getSession(false)).isNull();
        assertThat(events).singleElement().satisfies(e -> assertThat(e.sessionId()).isNull());
    }

    @Test
    void anUnhandledExceptionBecomesAppErrorAndA500AccessLine() {
        var request = new MockHttpServletRequest("POST", "/checkout");
        request.addHeader("X-Request-Id", "req-2");
        var failing = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException {
                throw new ServletException("Request processing failed", new IllegalStateException("no stock"));
            }
        };
        assertThatThrownBy(() -> filter().doFilter(request, new MockHttpServletResponse(), chain(failing)))
                .isInstanceOf(ServletException.class);

        assertThat(events).extracting(EcomEvent::eventType)
                .containsExactly(EventType.HTTP_ACCESS, EventType.APP_ERROR);
        assertThat(((HttpAccess) events.get(0).payload()).status()).isEqualTo(500);
        var error = (AppError) events.get(1).payload();
        assertThat(error.errorClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(error.errorMessage()).isEqualTo("no stock");
        assertThat(error.httpStatus()).isEqualTo(500);
        assertThat(error.endpoint()).isEqualTo("POST /checkout");
        assertThat(error.requestId()).isEqualTo("req-2");
    }

    @Test
    void samplingDropsAccessLinesButNeverErrors() throws Exception {
        settings.setSampleRate(0.0);
        filter().doFilter(new MockHttpServletRequest("GET", "/a"), new MockHttpServletResponse(),
                chain(writing(200, "x")));
        assertThat(events).isEmpty();
        var failing = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) {
                throw new IllegalArgumentException("bad");
            }
        };
        assertThatThrownBy(() -> filter().doFilter(new MockHttpServletRequest("GET", "/b"),
                new MockHttpServletResponse(), chain(failing))).isInstanceOf(IllegalArgumentException.class);
        assertThat(events).extracting(EcomEvent::eventType).containsExactly(EventType.APP_ERROR);
    }

    @Test
    void aFailingSinkNeverReachesTheRequest() throws Exception {
        var broken = new EcomlogServletFilter(e -> {
            throw new IllegalStateException("boom");
        }, settings);
        var response = new MockHttpServletResponse();
        broken.doFilter(new MockHttpServletRequest("GET", "/"), response, chain(writing(200, "ok")));
        assertThat(response.getContentAsString()).isEqualTo("ok");
    }
}
