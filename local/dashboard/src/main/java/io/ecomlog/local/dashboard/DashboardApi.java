package io.ecomlog.local.dashboard;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/** The JSON endpoints: {@code /api/NAME?query} to the {@link DashboardData} call that answers it. */
final class DashboardApi {

    static final int MAX_LIMIT = 500;
    static final int MAX_ID_LENGTH = 200;

    /** The request was wrong (status 400); the message is shown to the caller. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    /** No such endpoint (status 404). */
    static final class UnknownEndpoint extends RuntimeException {
        UnknownEndpoint(String name) {
            super("no endpoint /api/" + name);
        }
    }

    /** The data source threw or broke its contract (status 500). */
    static final class DataFailure extends RuntimeException {
        DataFailure(String endpoint, RuntimeException cause) {
            super("the data source failed on /api/" + endpoint + ": " + describe(cause), cause);
        }

        private static String describe(RuntimeException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private final DashboardData data;

    DashboardApi(DashboardData data) {
        this.data = data;
    }

    /** The object to write as JSON; parameters are checked before the data source is asked. */
    Object answer(String endpoint, String rawQuery) {
        Map<String, String> query = parse(rawQuery);
        Supplier<Object> call = switch (endpoint) {
            case "overview" -> data::overview;
            case "sales" -> data::salesPerMinute;
            case "funnel" -> data::funnel;
            case "categories" -> bind(limit(query, 10), data::topCategories);
            case "alerts" -> bind(limit(query, 20), data::alerts);
            case "customers" -> bind(limit(query, 20), data::sampleCustomers);
            case "users" -> bind(limit(query, 20), data::sampleUsers);
            case "orders" -> {
                String customer = id(query, "customer", true);
                String pageToken = id(query, "pageToken", false);
                yield () -> data.orders(customer, pageToken);
            }
            case "recommendations" -> {
                String user = id(query, "user", true);
                yield () -> data.recommendations(user);
            }
            case "search" -> {
                var logQuery = logQuery(query);
                yield () -> data.searchLogs(logQuery);
            }
            case "session" -> {
                String session = id(query, "id", true);
                yield () -> data.session(session);
            }
            default -> throw new UnknownEndpoint(endpoint);
        };
        try {
            Object result = call.get();
            if (result == null) {
                throw new IllegalStateException("returned null");
            }
            return result;
        } catch (DashboardData.Refused e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DataFailure(endpoint, e);
        }
    }

    private static Supplier<Object> bind(int limit, IntFunction<?> call) {
        return () -> call.apply(limit);
    }

    private static int limit(Map<String, String> query, int byDefault) {
        String value = query.get("limit");
        if (value == null) {
            return byDefault;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw new BadRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    /**
     * A log search from {@code q}, {@code from}, {@code to}, the filters, {@code offset} and {@code limit}; the
     * search itself refuses (400) what it cannot take, such as text over its length limit.
     */
    private static DashboardData.LogQuery logQuery(Map<String, String> query) {
        String text = query.getOrDefault("q", "").strip();
        int limit = query.containsKey("limit") ? number(query, "limit", 1, MAX_LIMIT) : 50;
        int offset = query.containsKey("offset") ? number(query, "offset", 0, Integer.MAX_VALUE) : 0;
        return new DashboardData.LogQuery(text.isEmpty() ? null : text, instant(query, "from"),
                instant(query, "to"), id(query, "status", false), id(query, "path", false),
                id(query, "user", false), id(query, "session", false), id(query, "level", false),
                id(query, "type", false), offset, limit);
    }

    private static int number(Map<String, String> query, String name, int min, int max) {
        try {
            int value = Integer.parseInt(query.get(name).strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw new BadRequest(name + " must be a whole number from " + min + " to " + max);
    }

    /** An ISO-8601 instant ({@code 2026-12-07T04:00:00Z}), or null when absent. */
    private static Instant instant(Map<String, String> query, String name) {
        String value = query.getOrDefault(name, "").strip();
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequest(name + " must be an ISO-8601 instant such as 2026-12-07T04:00:00Z");
        }
    }

    /** A customer, user or page token: trimmed; blank counts as absent. */
    private static String id(Map<String, String> query, String name, boolean required) {
        String value = query.getOrDefault(name, "").strip();
        if (value.isEmpty()) {
            if (required) {
                throw new BadRequest(name + " is required");
            }
            return null;
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw new BadRequest(name + " is longer than " + MAX_ID_LENGTH + " characters");
        }
        return value;
    }

    /** {@code a=1&b=x%20y}; the first of repeated names wins. */
    static Map<String, String> parse(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                query.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("malformed query: " + e.getMessage());
            }
        }
        return query;
    }
}
