package io.ecomlog.spring.web;

import io.ecomlog.event.EcomEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The WebFlux counterpart of {@link EcomlogServletFilter}: {@code http_access} per exchange, {@code app_error} per
 * error that leaves the handlers unhandled. An {@link ErrorResponse} (such as {@code ResponseStatusException}) counts
 * as handled: its status is logged and no {@code app_error} is made. Exchanges cancelled by the client are not logged.
 * The session id is only taken from a session that was started (none is created).
 */
public class EcomlogWebFluxFilter implements WebFilter, Ordered {

    private static final Log LOG = LogFactory.getLog(EcomlogWebFluxFilter.class);

    private final RequestEvents events;
    private final RequestLoggingProperties settings;

    public EcomlogWebFluxFilter(Predicate<EcomEvent> sink, RequestLoggingProperties settings) {
        this.events = new RequestEvents(sink, settings);
        this.settings = settings;
    }

    @Override
    public int getOrder() {
        return settings.getFilterOrder();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (events.excluded(exchange.getRequest().getPath().pathWithinApplication().value())) {
            return chain.filter(exchange);
        }
        long start = System.nanoTime();
        boolean sampled = events.sample();
        var bytes = new AtomicLong();
        var counting = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                return super.writeWith(Flux.from(body).doOnNext(b -> bytes.addAndGet(b.readableByteCount())));
            }

            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                return super.writeAndFlushWith(Flux.from(body).map(inner -> Flux.from(inner)
                        .doOnNext(b -> bytes.addAndGet(b.readableByteCount()))));
            }
        };
        var mutated = exchange.mutate().response(counting).build();
        return chain.filter(mutated)
                .onErrorResume(error -> record(mutated, start, bytes, error, sampled).then(Mono.error(error)))
                .then(Mono.defer(() -> record(mutated, start, bytes, null, sampled)));
    }

    private Mono<Void> record(ServerWebExchange exchange, long start, AtomicLong bytes, Throwable error,
                              boolean sampled) {
        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Mono<Optional<String>> principal = exchange.getPrincipal().map(Principal::getName).map(Optional::of)
                .defaultIfEmpty(Optional.empty());
        Mono<Optional<String>> session = exchange.getSession().filter(WebSession::isStarted).map(WebSession::getId)
                .map(Optional::of).defaultIfEmpty(Optional.empty());
        return Mono.zip(principal, session).doOnNext(identity -> {
            try {
                emit(exchange, durationMs, bytes.get(), error, sampled, identity.getT1().orElse(null),
                        identity.getT2().orElse(null));
            } catch (RuntimeException e) {
                LOG.debug("ecomlog could not record an exchange: " + e.getMessage(), e);
            }
        }).onErrorResume(e -> Mono.empty()).then();
    }

    private void emit(ServerWebExchange exchange, long durationMs, long bytes, Throwable error, boolean sampled,
                      String principal, String session) {
        ServerHttpRequest request = exchange.getRequest();
        ServerHttpResponse response = exchange.getResponse();
        Throwable unhandled = null;
        int status;
        if (error instanceof ErrorResponse handled) {
            status = handled.getStatusCode().value();
        } else if (error != null) {
            status = 500;
            unhandled = error;
        } else {
            status = response.getStatusCode() == null ? 200 : response.getStatusCode().value();
        }
        var headers = request.getHeaders();
        String userId = Optional.ofNullable(header(request, settings.getUserIdHeader())).orElse(principal);
        String sessionId = Optional.ofNullable(header(request, settings.getSessionIdHeader())).orElse(session);
        String ip = RequestEvents.firstAddress(header(request, settings.getClientIpHeader()));
        if (ip == null) {
            InetSocketAddress remote = request.getRemoteAddress();
            ip = remote == null ? null
                    : remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
        }
        String locale = headers.getAcceptLanguageAsLocales().stream().findFirst()
                .map(Locale::toLanguageTag).orElse(null);
        Long length = bytes > 0 ? Long.valueOf(bytes)
                : response.getHeaders().getContentLength() >= 0 ? response.getHeaders().getContentLength() : 0L;
        events.emit(new RequestEvents.Request(request.getMethod().name(), request.getPath().value(),
                request.getURI().getRawQuery(), null, status, length, durationMs,
                headers.getFirst("User-Agent"), headers.getFirst("Referer"), ip, locale,
                header(request, settings.getRequestIdHeader()), userId, sessionId,
                header(request, settings.getAnonymousIdHeader()), unhandled, sampled));
    }

    private static String header(ServerHttpRequest request, String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return RequestEvents.blankToNull(request.getHeaders().getFirst(name));
    }
}
