package io.ecomlog.backend.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.aggregations.Aggregation;
import org.opensearch.client.opensearch._types.query_dsl.BoolQuery;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch._types.query_dsl.TextQueryType;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Searching the log index the indexers write: full text over the events, access lines and application errors, with
 * filters, a histogram of the hits over time, and a session's whole story. The user's text is only ever a query
 * <em>value</em> (a {@code multi_match} of its words, lenient about field types): quotes, wildcards and Lucene syntax
 * are searched for as text, never parsed, so no input changes the query's shape. Thread-safe.
 */
public final class LogSearch {

    /** The longest search text taken; longer text is refused, not cut. */
    public static final int MAX_TEXT = 1_000;
    /** The most hits on one page. */
    public static final int MAX_PAGE = 100;
    /** The most documents a session view reads. */
    public static final int MAX_SESSION = 500;

    /**
     * The fields the text is searched in: the analysed ones, and keyword ones that match a whole value (so an event,
     * request or session id pasted from a log line finds its documents).
     */
    static final List<String> TEXT_FIELDS = List.of("message", "error_message", "error_class", "user_agent", "name",
            "query", "reason", "path", "page.path", "endpoint", "event_type", "user_id", "order_id", "product_id",
            "properties.search_query", "event_id", "request_id", "session_id");
    private static final String TIME = "event_time";
    private static final String STATUS = "status";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The status codes a histogram bucket is split by, the most frequent first (as in {@code dashboards.ndjson}). */
    static final int STATUS_SERIES = 10;

    /** HTTP status classes, as filters. */
    public enum StatusClass {
        INFO(100), SUCCESS(200), REDIRECT(300), CLIENT_ERROR(400), SERVER_ERROR(500);

        private final int from;

        StatusClass(int from) {
            this.from = from;
        }

        /** {@code 2xx}, … as the dashboard names them. */
        public String label() {
            return (from / 100) + "xx";
        }

        public static StatusClass of(String label) {
            for (var c : values()) {
                if (c.label().equalsIgnoreCase(label)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("status must be one of 1xx, 2xx, 3xx, 4xx, 5xx, was '" + label + "'");
        }
    }

    /**
     * What to find; a null field is not filtered on.
     *
     * @param text  words to find (at most {@link #MAX_TEXT} characters), or null for every document
     * @param from  first instant, inclusive; {@code to} last, exclusive
     * @param limit hits on the page, 1 to {@link #MAX_PAGE}; {@code offset} hits skipped before it
     */
    public record Request(String text, Instant from, Instant to, StatusClass status, String path, String user,
                          String session, String level, String eventType, int offset, int limit) {
        public Request {
            text = text == null || text.isBlank() ? null : text.strip();
            if (text != null && text.length() > MAX_TEXT) {
                throw new IllegalArgumentException("the search text is longer than " + MAX_TEXT + " characters");
            }
            if (from != null && to != null && !from.isBefore(to)) {
                throw new IllegalArgumentException("the time range is empty: from must be before to");
            }
            if (limit < 1 || limit > MAX_PAGE) {
                throw new IllegalArgumentException("limit must be from 1 to " + MAX_PAGE);
            }
            if (offset < 0 || offset + limit > 10_000) {
                throw new IllegalArgumentException("offset must be from 0 to " + (10_000 - limit));
            }
        }

        /** Every document, newest first, {@code limit} at a time. */
        public static Request all(int limit) {
            return new Request(null, null, null, null, null, null, null, null, null, 0, limit);
        }

        public Request withText(String value) {
            return new Request(value, from, to, status, path, user, session, level, eventType, offset, limit);
        }
    }

    /** One document as a result line. */
    public record Found(String eventId, Instant time, String eventType, String summary, Integer status, String path,
                        String user, String session, String requestId, String level, String orderId) {
    }

    /** Hits per time bucket, and of those that are access lines the count per status code (the ten most frequent). */
    public record Bucket(Instant start, long hits, Map<String, Long> byStatus) {
    }

    /** A page of hits, newest first, and the histogram of all hits (not only this page's). */
    public record Page(long total, List<Found> hits, Duration interval, List<Bucket> histogram) {
    }

    /**
     * A session around a hit: its events (actions, logs, errors) in time order, the access lines and application
     * errors of the same session or of a request one of its events names, and its order if it placed one.
     */
    public record Session(String sessionId, List<Found> events, List<Found> accessLines, List<Found> errors,
                          Found order) {
    }

    private final OpenSearchClient client;
    private final DailyIndex indices;

    public LogSearch(OpenSearchClient client, DailyIndex indices) {
        this.client = Objects.requireNonNull(client);
        this.indices = Objects.requireNonNull(indices);
    }

    /** One page of what the request finds, and its histogram. */
    public Page search(Request request) throws IOException {
        Query query = query(request);
        Duration interval = interval(request.from() != null && request.to() != null
                ? Duration.between(request.from(), request.to()) : span(query, request));
        SearchResponse<JsonNode> response = client.search(s -> s.index(indices.pattern())
                .query(query).from(request.offset()).size(request.limit()).trackTotalHits(t -> t.enabled(true))
                .ignoreUnavailable(true).allowNoIndices(true)
                .sort(o -> o.field(f -> f.field(TIME).order(SortOrder.Desc)))
                .aggregations("over_time", Aggregation.of(a -> a
                        .dateHistogram(h -> h.field(TIME).fixedInterval(t -> t.time(interval.toSeconds() + "s"))
                                .minDocCount(1))
                        // as the saved visualisation "HTTP status codes over time": the ten most frequent codes
                        .aggregations("status", Aggregation.of(sa -> sa.terms(t -> t.field(STATUS)
                                .size(STATUS_SERIES)))))), JsonNode.class);
        var hits = response.hits().hits().stream().map(LogSearch::found).toList();
        var histogram = new ArrayList<Bucket>();
        for (var b : response.aggregations().get("over_time").dateHistogram().buckets().array()) {
            var byStatus = new LinkedHashMap<String, Long>();
            for (var s : b.aggregations().get("status").lterms().buckets().array()) {
                byStatus.put(String.valueOf(s.key()._get()), s.docCount());
            }
            histogram.add(new Bucket(Instant.ofEpochMilli(b.key()), b.docCount(), byStatus));
        }
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        return new Page(total, hits, interval, histogram);
    }

    /** The session {@code sessionId} with its access lines, errors and order; empty lists when it is unknown. */
    public Session session(String sessionId) throws IOException {
        if (sessionId == null || sessionId.isBlank() || sessionId.length() > 1024) {
            throw new IllegalArgumentException("a session id is 1 to 1024 characters");
        }
        var own = find(Query.of(q -> q.term(t -> t.field("session_id").value(FieldValue.of(sessionId)))));
        var requestIds = new LinkedHashSet<String>();
        own.forEach(f -> {
            if (f.requestId() != null) {
                requestIds.add(f.requestId());
            }
        });
        var byRequest = requestIds.isEmpty() ? List.<Found>of() : find(Query.of(q -> q.terms(t -> t
                .field("request_id").terms(v -> v.value(requestIds.stream().map(FieldValue::of).toList())))));
        var all = new LinkedHashMap<String, Found>();
        own.forEach(f -> all.put(f.eventId(), f));
        byRequest.forEach(f -> all.putIfAbsent(f.eventId(), f));
        var events = new ArrayList<Found>();
        var access = new ArrayList<Found>();
        var errors = new ArrayList<Found>();
        Found order = null;
        for (var f : all.values().stream().sorted(Comparator.comparing(Found::time)).toList()) {
            switch (f.eventType()) {
                case "http_access" -> access.add(f);
                case "app_error" -> errors.add(f);
                default -> {
                    events.add(f);
                    if ("order_completed".equals(f.eventType())) {
                        order = f;
                    }
                }
            }
        }
        return new Session(sessionId, events, access, errors, order);
    }

    private List<Found> find(Query query) throws IOException {
        SearchResponse<JsonNode> response = client.search(s -> s.index(indices.pattern()).query(query)
                .size(MAX_SESSION).ignoreUnavailable(true).allowNoIndices(true)
                .sort(o -> o.field(f -> f.field(TIME).order(SortOrder.Asc))), JsonNode.class);
        return response.hits().hits().stream().map(LogSearch::found).toList();
    }

    static Query query(Request r) {
        var bool = new BoolQuery.Builder();
        if (r.text() != null) {
            bool.must(m -> m.multiMatch(mm -> mm.query(r.text()).fields(TEXT_FIELDS).lenient(true)
                    .type(TextQueryType.BestFields)));
        }
        if (r.from() != null || r.to() != null) {
            bool.filter(f -> f.range(g -> {
                g.field(TIME);
                if (r.from() != null) {
                    g.gte(JsonData.of(r.from().toString()));
                }
                if (r.to() != null) {
                    g.lt(JsonData.of(r.to().toString()));
                }
                return g;
            }));
        }
        if (r.status() != null) {
            int from = r.status().from;
            bool.filter(f -> f.range(g -> g.field(STATUS).gte(JsonData.of(from)).lt(JsonData.of(from + 100))));
        }
        term(bool, "path", r.path());
        term(bool, "user_id", r.user());
        term(bool, "session_id", r.session());
        term(bool, "level", r.level());
        term(bool, "event_type", r.eventType());
        return Query.of(q -> q.bool(bool.build()));
    }

    private static void term(BoolQuery.Builder bool, String field, String value) {
        if (value != null && !value.isBlank()) {
            bool.filter(f -> f.term(t -> t.field(field).value(FieldValue.of(value.strip()))));
        }
    }

    /** About 60 buckets over the span; never under a second. */
    static Duration interval(Duration span) {
        return Duration.ofSeconds(Math.max(1, span.toSeconds() / 60));
    }

    /**
     * Where the asked range is open at either end, the span of the hits themselves (their first and last time, one
     * small query), so the histogram of a one-minute run and of a year's backfill both get about 60 buckets.
     */
    private Duration span(Query query, Request r) throws IOException {
        SearchResponse<JsonNode> response = client.search(s -> s.index(indices.pattern()).query(query).size(0)
                .ignoreUnavailable(true).allowNoIndices(true)
                .aggregations("first", Aggregation.of(a -> a.min(m -> m.field(TIME))))
                .aggregations("last", Aggregation.of(a -> a.max(m -> m.field(TIME)))), JsonNode.class);
        Double first = response.aggregations().get("first").min().value();
        Double last = response.aggregations().get("last").max().value();
        if (first == null || last == null || first.isInfinite() || last.isInfinite()) {
            return Duration.ofMinutes(1);
        }
        Instant from = r.from() != null ? r.from() : Instant.ofEpochMilli(first.longValue());
        Instant to = r.to() != null ? r.to() : Instant.ofEpochMilli(last.longValue() + 1);
        return to.isAfter(from) ? Duration.between(from, to) : Duration.ofMinutes(1);
    }

    private static Found found(Hit<JsonNode> hit) {
        JsonNode d = hit.source() == null ? JSON.createObjectNode() : hit.source();
        String type = text(d, "event_type");
        Integer status = d.hasNonNull(STATUS) ? d.get(STATUS).asInt() : null;
        String own = text(d, "path");
        String path = own != null ? own : text(d.path("page"), "path");
        return new Found(text(d, "event_id") != null ? text(d, "event_id") : hit.id(),
                d.hasNonNull(TIME) ? Instant.parse(d.get(TIME).asText()) : null, type, summary(d, type, status, path),
                status, path, text(d, "user_id"), text(d, "session_id"), requestId(d), text(d, "level"),
                text(d, "order_id"));
    }

    /** What a result line shows: the message or error, the request line, or the event's type and its object. */
    private static String summary(JsonNode d, String type, Integer status, String path) {
        if (text(d, "message") != null) {
            return text(d, "message");
        } else if (text(d, "error_message") != null) {
            return (text(d, "error_class") == null ? "" : text(d, "error_class") + ": ") + text(d, "error_message");
        } else if ("http_access".equals(type)) {
            return text(d, "method") + " " + path + " " + status;
        }
        String object = text(d, "order_id") != null ? text(d, "order_id") : text(d, "product_id") != null
                ? text(d, "product_id") : text(d, "query");
        return object == null ? type : type + " " + object;
    }

    private static String requestId(JsonNode d) {
        String own = text(d, "request_id");
        return own != null ? own : text(d.path("mdc"), "request_id");
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }
}
