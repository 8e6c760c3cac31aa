package io.ecomlog.spring.web;

import io.ecomlog.event.EcomEvent;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.security.Principal;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Turns every servlet request into an {@code http_access} event (method, path, status, response bytes, duration,
 * user agent, referrer, client IP, request id; user and session in the envelope) and every exception that leaves the
 * application unhandled into an {@code app_error} event. Excluded paths are not logged; {@code http_access} is
 * sampled, {@code app_error} is not. Never lets an ecomlog problem reach the request: the event is handed over with
 * a non-blocking {@code track} and any failure to build it is only logged.
 */
public class EcomlogServletFilter extends OncePerRequestFilter {

    private static final Log LOG = LogFactory.getLog(EcomlogServletFilter.class);

    private final RequestEvents events;
    private final RequestLoggingProperties settings;

    /**
     * @param sink     where events go, normally {@code client::track}
     * @param settings {@code ecomlog.web.*}
     */
    public EcomlogServletFilter(Predicate<EcomEvent> sink, RequestLoggingProperties settings) {
        this.events = new RequestEvents(sink, settings);
        this.settings = settings;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return events.excluded(pathWithinApplication(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        boolean sampled = events.sample();
        var counting = new CountingResponse(response);
        Throwable failure = null;
        try {
            chain.doFilter(request, counting);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            if (failure == null && request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        record(request, counting, start, null, sampled);
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {
                    }

                    @Override
                    public void onError(AsyncEvent event) {
                        // onComplete follows, with the status the container answered
                    }

                    @Override
                    public void onStartAsync(AsyncEvent event) {
                    }
                });
            } else {
                record(request, counting, start, failure, sampled);
            }
        }
    }

    private void record(HttpServletRequest request, CountingResponse response, long start, Throwable failure,
                        boolean sampled) {
        try {
            long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // an exception leaving the filter chain is answered with 500 by the container's error handling
            int status = failure != null ? 500 : response.getStatus();
            String locale = request.getHeader("Accept-Language") != null ? request.getLocale().toLanguageTag() : null;
            events.emit(new RequestEvents.Request(request.getMethod(), request.getRequestURI(),
                    request.getQueryString(), request.getProtocol(), status, response.bytesWritten(), durationMs,
                    request.getHeader("User-Agent"), request.getHeader("Referer"), clientIp(request), locale,
                    header(request, settings.getRequestIdHeader()), userId(request), sessionId(request),
                    header(request, settings.getAnonymousIdHeader()), failure == null ? null : unwrap(failure),
                    sampled));
        } catch (RuntimeException e) {
            LOG.debug("ecomlog could not record a request: " + e.getMessage(), e);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        if (failure instanceof ServletException se && se.getRootCause() != null) {
            return se.getRootCause();
        }
        return failure;
    }

    private static String pathWithinApplication(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        if (context != null && !context.isEmpty() && uri.startsWith(context)) {
            uri = uri.substring(context.length());
        }
        return uri.isEmpty() ? "/" : uri;
    }

    private String userId(HttpServletRequest request) {
        String fromHeader = header(request, settings.getUserIdHeader());
        if (fromHeader != null) {
            return fromHeader;
        }
        Principal principal = request.getUserPrincipal();
        return principal == null ? null : principal.getName();
    }

    private String sessionId(HttpServletRequest request) {
        String fromHeader = header(request, settings.getSessionIdHeader());
        if (fromHeader != null) {
            return fromHeader;
        }
        try {
            HttpSession session = request.getSession(false); // never creates one
            return session == null ? null : session.getId();
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }

    private String clientIp(HttpServletRequest request) {
        String forwarded = RequestEvents.firstAddress(header(request, settings.getClientIpHeader()));
        return forwarded != null ? forwarded : request.getRemoteAddr();
    }

    private static String header(HttpServletRequest request, String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String value = request.getHeader(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
