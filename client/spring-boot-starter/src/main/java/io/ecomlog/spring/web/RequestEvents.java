package io.ecomlog.spring.web;

import io.ecomlog.event.AppError;
import io.ecomlog.event.ClientInfo;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.Events;
import io.ecomlog.event.HttpAccess;
import org.springframework.util.AntPathMatcher;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/** What the servlet and WebFlux filters share: path exclusion, sampling, and building the two events. */
final class RequestEvents {

    private final Predicate<EcomEvent> sink;
    private final RequestLoggingProperties settings;
    private final AntPathMatcher matcher = new AntPathMatcher();
    private final List<String> excluded;

    RequestEvents(Predicate<EcomEvent> sink, RequestLoggingProperties settings) {
        this.sink = sink;
        this.settings = settings;
        this.excluded = List.copyOf(settings.getExcludePaths());
    }

    RequestLoggingProperties settings() {
        return settings;
    }

    boolean excluded(String pathWithinApplication) {
        for (String pattern : excluded) {
            if (matcher.match(pattern, pathWithinApplication)) {
                return true;
            }
        }
        return false;
    }

    boolean sample() {
        double rate = settings.getSampleRate();
        return rate >= 1.0 || ThreadLocalRandom.current().nextDouble() < rate;
    }

    /** One request as both filters see it. {@code unhandled} is the exception that left the application, if any. */
    record Request(String method, String uri, String query, String protocol, int status, Long bytes,
                   long durationMs, String userAgent, String referrer, String ip, String locale, String requestId,
                   String userId, String sessionId, String anonymousId, Throwable unhandled, boolean sampled) {
    }

    /** Hands the request's events to the sink; throws nothing the caller must handle except RuntimeExceptions. */
    void emit(Request r) {
        int status = r.status() < 100 || r.status() > 599 ? 500 : r.status();
        var client = r.ip() == null && r.userAgent() == null && r.locale() == null ? null
                : new ClientInfo(r.ip(), r.userAgent(), r.locale());
        if (r.sampled()) {
            String path = settings.isIncludeQueryString() && r.query() != null && !r.query().isEmpty()
                    ? r.uri() + "?" + r.query() : r.uri();
            var access = HttpAccess.builder(r.method(), path, status)
                    .host(r.ip())
                    .authuser(r.userId())
                    .protocol(r.protocol())
                    .bytes(r.bytes())
                    .referrer(r.referrer())
                    .userAgent(r.userAgent())
                    .durationMs(r.durationMs())
                    .requestId(r.requestId())
                    .build();
            sink.test(envelope(Events.httpAccess(access), r, client).build());
        }
        if (r.unhandled() != null && settings.isRecordErrors()) {
            var error = AppError.builder().error(r.unhandled()).httpStatus(status)
                    .endpoint(r.method() + " " + r.uri()).requestId(r.requestId()).build();
            sink.test(envelope(Events.appError(error), r, client).build());
        }
    }

    private static EcomEvent.Builder envelope(EcomEvent.Builder b, Request r, ClientInfo client) {
        return b.userId(r.userId()).sessionId(r.sessionId()).anonymousId(r.anonymousId()).client(client);
    }

    /** The first address of a list such as X-Forwarded-For, or null. */
    static String firstAddress(String header) {
        if (header == null) {
            return null;
        }
        int comma = header.indexOf(',');
        String first = (comma >= 0 ? header.substring(0, comma) : header).trim();
        return first.isEmpty() ? null : first;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
