package io.ecomlog.local.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the local dashboard shows, supplied by whoever runs it (the local-mode backend, or a test). {@link
 * DashboardServer} calls these methods on its own threads, once per browser poll (about every two seconds), so an
 * implementation must be thread-safe and should answer from memory. A method that throws makes only its own panel show
 * an error: the server answers that request with status 500 and the rest of the page goes on refreshing; a
 * {@link Refused} is answered with its own status and message.
 */
public interface DashboardData {

    /**
     * The source refused the request for a reason the user can act on (a 4xx from the API behind it: an id it does
     * not accept, say), or is unavailable for now (503): the dashboard answers with the same status and message.
     */
    final class Refused extends RuntimeException {
        private final int status;

        public Refused(int status, String message) {
            super(message);
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("not an error status: " + status);
            }
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** Headline counters. */
    Overview overview();

    /** Orders and revenue per minute, oldest first. */
    List<SalesMinute> salesPerMinute();

    /** Views, carts and purchases, for the funnel chart. */
    Funnel funnel();

    /** The categories with the most events, at most {@code limit} of them, most first. */
    List<CategoryCount> topCategories(int limit);

    /** The latest alerts, at most {@code limit} of them, newest first. */
    List<AlertRow> alerts(int limit);

    /**
     * One page of a customer's orders; {@code pageToken} null asks for the first page. A customer without orders gets a
     * page with no rows; {@link OrderPage#nextPageToken()} is null on the last page.
     */
    OrderPage orders(String customerId, String pageToken);

    /** Customers with orders, for the search box's hints. */
    List<String> sampleCustomers(int limit);

    /** A user's recommendations, best first; empty if there are none. */
    List<Recommendation> recommendations(String userId);

    /** Users with recommendations, for the user picker. */
    List<String> sampleUsers(int limit);

    /**
     * One page of the log search (events, access lines, application errors) and the histogram of all its hits. A
     * source without log search refuses (404, the default); a query the search cannot take is refused with 400.
     */
    default LogPage searchLogs(LogQuery query) {
        throw new Refused(404, SEARCH_OFF);
    }

    /** The session around a hit: its events, access lines and errors, and its order if it placed one. */
    default LogSession session(String sessionId) {
        throw new Refused(404, SEARCH_OFF);
    }

    /** What a source without log search answers. */
    String SEARCH_OFF = "log search is off: run local mode with --opensearch";

    /**
     * @param phase what the traffic simulator is doing now (free text, e.g. "warm-up", "peak", "done")
     * @param updatedAt when these figures were taken
     */
    record Overview(long eventsSent, long eventsArrived, long eventsLost, long orders, long alerts, String phase,
                    Instant updatedAt) {}

    /** @param minute the minute's start */
    record SalesMinute(Instant minute, long orders, BigDecimal revenue, String currency) {}

    record Funnel(long views, long carts, long purchases) {}

    record CategoryCount(String category, long events, long purchases) {}

    /** @param source what raised it (e.g. the Flink job or the alerter function) */
    record AlertRow(String alertId, String kind, String key, Instant raisedAt, String summary, String source) {}

    /** @param lines the number of order lines */
    record OrderRow(String orderId, Instant placedAt, String status, BigDecimal total, String currency, int lines) {}

    /** @param nextPageToken null on the last page */
    record OrderPage(String customerId, List<OrderRow> orders, String nextPageToken) {}

    record Recommendation(String productId, double score, String category, String brand) {}

    /**
     * A log search; null fields are not filtered on. The text is searched for as words, never parsed as a query.
     *
     * @param status an HTTP status class ({@code 2xx} … {@code 5xx})
     * @param from   first instant, inclusive; {@code to} the last, exclusive
     */
    record LogQuery(String text, Instant from, Instant to, String status, String path, String user, String session,
                    String level, String eventType, int offset, int limit) {}

    /** One search result: an event, an access line or an application log line. */
    record LogHit(String eventId, Instant time, String eventType, String summary, Integer status, String path,
                  String user, String session, String requestId, String level, String orderId) {}

    /** Hits in one histogram bucket, and the access lines among them by status code. */
    record LogBucket(Instant start, long hits, Map<String, Long> byStatus) {}

    /** @param intervalSeconds the histogram's bucket width */
    record LogPage(long total, List<LogHit> hits, long intervalSeconds, List<LogBucket> histogram) {}

    /** A session's story: its events in time order, its access lines and errors, its order (null if none). */
    record LogSession(String sessionId, List<LogHit> events, List<LogHit> accessLines, List<LogHit> errors,
                      LogHit order) {}
}
